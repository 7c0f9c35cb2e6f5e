import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { sandboxLayout } from "../sandbox/layout.ts";
import { deriveApprovalRuntimeToken, fingerprint } from "../wire/token.ts";
import { readSocketTokenStore } from "./socket-token-store.ts";

const tmp = await dir({ unsafeCleanup: true, prefix: "token-store-test-" });
afterAll(() => tmp.cleanup());

describe("readSocketTokenStore (real files and a real SQLite database)", () => {
  it("finds the token in exec-approvals.json and in the database's raw_json, by fingerprint only", async () => {
    const layout = sandboxLayout(`${tmp.path}/a`);
    await mkdir(dirname(layout.execApprovalsPath), { recursive: true });
    await writeFile(layout.execApprovalsPath, JSON.stringify({ version: 1, socket: { path: "/x.sock", token: "file-token-0123456789" } }), { mode: 0o640 });
    await mkdir(dirname(layout.stateDb), { recursive: true });
    const db = new DatabaseSync(layout.stateDb);
    db.exec("CREATE TABLE exec_approvals_config (raw_json TEXT, has_socket_token INTEGER)");
    db.prepare("INSERT INTO exec_approvals_config VALUES (?, 1)").run(JSON.stringify({ socket: { token: "db-token-0123456789" } }));
    db.close();
    const store = await readSocketTokenStore(layout);
    expect(store).toEqual({
      execApprovalsFile: true,
      locations: ["file", "database"],
      fileMode: "640",
      tokenFingerprints: [fingerprint("db-token-0123456789"), fingerprint("file-token-0123456789")].sort(),
      derivedFingerprints: [fingerprint(deriveApprovalRuntimeToken("db-token-0123456789")), fingerprint(deriveApprovalRuntimeToken("file-token-0123456789"))].sort(),
      unreadable: [],
    });
    expect(JSON.stringify(store)).not.toContain("token-0123456789");
  });

  it("a store that exists but cannot be read is named unreadable, never taken for an empty one", async () => {
    const layout = sandboxLayout(`${tmp.path}/b`);
    await mkdir(dirname(layout.stateDb), { recursive: true });
    await writeFile(layout.execApprovalsPath, "{ not json");
    await writeFile(layout.stateDb, "not a database");
    const store = await readSocketTokenStore(layout);
    expect(store.execApprovalsFile).toBe(true);
    expect(store.tokenFingerprints).toEqual([]);
    expect(store.unreadable.map((u) => u.split(":")[0])).toEqual(["exec-approvals.json", "state database"]);
    // Nothing there at all is an empty store, and readable.
    expect(await readSocketTokenStore(sandboxLayout(`${tmp.path}/c`))).toEqual({ execApprovalsFile: false, locations: [], tokenFingerprints: [], derivedFingerprints: [], unreadable: [] });
  });
});
