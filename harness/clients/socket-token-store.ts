import { readFile } from "node:fs/promises";
import { DatabaseSync } from "node:sqlite";
import type { SocketTokenStore } from "../evidence/types.ts";
import type { SandboxLayout } from "../sandbox/layout.ts";
import { isRecord } from "../wire/frames.ts";
import { fingerprint } from "../wire/token.ts";

/**
 * Every socket token that exists for this home: in exec-approvals.json (2026.6.x) and in the state database's exec
 * approvals tables (2026.9.x imports the file there). Only fingerprints leave this function.
 */
export async function readSocketTokenStore(layout: SandboxLayout): Promise<SocketTokenStore> {
  const tokens = new Set<string>();
  let execApprovalsFile = false;
  try {
    const doc: unknown = JSON.parse(await readFile(layout.execApprovalsPath, "utf8"));
    execApprovalsFile = true;
    for (const t of socketTokensIn(doc)) tokens.add(t);
  } catch {
    // absent or unreadable
  }
  for (const t of tokensInDb(layout.stateDb)) tokens.add(t);
  return { execApprovalsFile, tokenFingerprints: [...tokens].map(fingerprint).sort() };
}

/** socket.token anywhere in a document (the exec-approvals shape), or a JSON string holding one. Pure. */
export function socketTokensIn(v: unknown, depth = 0): string[] {
  if (depth > 6) return [];
  if (typeof v === "string") {
    if (!v.startsWith("{")) return [];
    try {
      return socketTokensIn(JSON.parse(v) as unknown, depth + 1);
    } catch {
      return [];
    }
  }
  if (Array.isArray(v)) return v.flatMap((x) => socketTokensIn(x, depth + 1));
  if (!isRecord(v)) return [];
  const own = isRecord(v.socket) && typeof v.socket.token === "string" && v.socket.token.trim() !== "" ? [v.socket.token] : [];
  const direct = typeof v.socket_token === "string" && v.socket_token !== "" ? [v.socket_token] : [];
  return [...own, ...direct, ...Object.values(v).flatMap((x) => socketTokensIn(x, depth + 1))];
}

function tokensInDb(path: string): string[] {
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(path, { readOnly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%exec_approval%'").all();
    const out: string[] = [];
    for (const t of tables) {
      if (!isRecord(t) || typeof t.name !== "string" || !/^\w+$/.test(t.name)) continue;
      for (const row of db.prepare(`SELECT * FROM "${t.name}"`).all()) out.push(...socketTokensIn(row));
    }
    return out;
  } catch {
    return [];
  } finally {
    db?.close();
  }
}
