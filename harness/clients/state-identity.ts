import { readFile } from "node:fs/promises";
import { DatabaseSync } from "node:sqlite";
import type { StateIdentity } from "../evidence/types.ts";
import type { SandboxLayout } from "../sandbox/layout.ts";
import { isRecord } from "../wire/frames.ts";

/** The stable device identity persisted in the shared state dir: SQLite (2026.9.x) or identity/device.json (2026.6.x). */
export async function readStateIdentity(layout: SandboxLayout): Promise<StateIdentity> {
  const fromDb = readFromDb(layout.stateDb);
  if (fromDb) return { source: "sqlite", deviceId: fromDb };
  try {
    const doc: unknown = JSON.parse(await readFile(layout.legacyIdentityFile, "utf8"));
    if (isRecord(doc) && typeof doc.deviceId === "string") return { source: "file", deviceId: doc.deviceId };
  } catch {
    // absent
  }
  return { source: "absent", deviceId: null };
}

function readFromDb(path: string): string | null {
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(path, { readOnly: true });
    const row = db.prepare("SELECT device_id FROM device_identities WHERE identity_key = 'primary'").get();
    return isRecord(row) && typeof row.device_id === "string" ? row.device_id : null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}
