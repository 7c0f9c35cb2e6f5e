import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { DatabaseSync } from "node:sqlite";
import type { SocketTokenStore } from "../evidence/types.ts";
import type { SandboxLayout } from "../sandbox/layout.ts";
import { isRecord } from "../wire/frames.ts";
import { deriveApprovalRuntimeToken, fingerprint } from "../wire/token.ts";

/**
 * Every socket token that exists for this home: in exec-approvals.json (2026.6.x) and in the state database's exec
 * approvals tables (2026.9.x imports the file there). Only fingerprints leave this function. A store that exists but
 * cannot be read is named in `unreadable`, never taken for an empty one.
 */
export async function readSocketTokenStore(layout: SandboxLayout): Promise<SocketTokenStore> {
  const tokens = new Set<string>();
  const locations: Array<"file" | "database"> = [];
  const unreadable: string[] = [];
  const execApprovalsFile = existsSync(layout.execApprovalsPath);
  if (execApprovalsFile) {
    try {
      const inFile = socketTokensIn(JSON.parse(await readFile(layout.execApprovalsPath, "utf8")) as unknown);
      for (const t of inFile) tokens.add(t);
      if (inFile.length) locations.push("file");
    } catch (err) {
      unreadable.push(`exec-approvals.json: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    }
  }
  if (existsSync(layout.stateDb)) {
    const db = tokensInDb(layout.stateDb);
    if (typeof db === "string") unreadable.push(`state database: ${db}`);
    else {
      for (const t of db) tokens.add(t);
      if (db.length) locations.push("database");
    }
  }
  const mode = execApprovalsFile ? await stat(layout.execApprovalsPath).then((st) => (st.mode & 0o777).toString(8), () => null) : null;
  return { execApprovalsFile, locations, ...(mode ? { fileMode: mode } : {}), tokenFingerprints: [...tokens].map(fingerprint).sort(), derivedFingerprints: [...tokens].map((t) => fingerprint(deriveApprovalRuntimeToken(t))).sort(), unreadable };
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

/** The socket tokens in the exec approvals tables of a state database, or why it could not be read. */
function tokensInDb(path: string): string[] | string {
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
  } catch (err) {
    return err instanceof Error ? err.message.split("\n")[0] ?? err.message : String(err);
  } finally {
    db?.close();
  }
}
