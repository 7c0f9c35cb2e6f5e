import { readFile, readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { validateReport } from "./evidence/validate.ts";
import type { Report } from "./evidence/types.ts";
import { noSandboxLeft, readReport, reportPathFrom, runDocumented } from "./e2e-helpers.ts";

const reports = await dir({ unsafeCleanup: true, prefix: "smoke-e2e-" });
afterAll(() => reports.cleanup());

describe("pnpm smoke against the real pinned gateway", () => {
  it("proves the four behaviours with two real processes and writes a schema-valid report; `corepack pnpm smoke --json` prints it as pure JSON", async () => {
    // The documented command, through pnpm: stdout must be the report and nothing else (no pnpm banner).
    // Concurrency 4 on purpose: the evidence must stay attributable when scenarios overlap.
    const r = await runDocumented(["smoke", "--json", "--concurrency", "4", "--report-dir", reports.path]);
    const out = String(r.all);
    expect(r.exitCode, out).toBe(0);
    const printed = JSON.parse(String(r.stdout)) as Report;
    const path = reportPathFrom(String(r.stderr));
    expect(path).not.toBeNull();
    const report = await readReport(path as string);
    expect(printed).toEqual(report);
    expect(validateReport(report).ok).toBe(true);
    expect(report.status).toBe("passed");
    const [target] = report.targets;
    expect(target?.target.version).toBe("2026.9.6");
    const byId = new Map(target?.scenarios.map((s) => [s.id, s]));
    expect([...byId.keys()]).toEqual(["local-token-handoff", "env-url-omission", "configured-remote-identity", "fallback-local"]);
    for (const s of byId.values()) expect(s.status).toBe("passed");
    // Each scenario saw exactly its own connection, approval and runtime process.
    for (const s of byId.values()) expect(s.observations.wire).toHaveLength(1);
    expect(new Set([...byId.values()].map((s) => s.observations.requester?.approvalId)).size).toBe(4);
    expect(new Set([...byId.values()].map((s) => s.observations.runtime?.pid)).size).toBe(4);

    for (const id of ["local-token-handoff", "fallback-local"]) {
      const s = byId.get(id)!;
      const c = s.observations.wire[0]?.connect;
      expect(c?.approvalRuntimeToken).toMatchObject({ length: 43, equalsDerived: true });
      expect(c?.deviceId).toBeNull();
      expect(s.observations.requester?.finalDecision).toBe("allow-once");
    }
    const persisted = new Set<string>();
    for (const id of ["env-url-omission", "configured-remote-identity"]) {
      const s = byId.get(id)!;
      const c = s.observations.wire[0]?.connect;
      expect(c?.approvalRuntimeToken).toBeNull();
      expect(c?.deviceId).toMatch(/^[0-9a-f]{64}$/);
      expect(c?.deviceId).toBe(s.observations.stateIdentity?.deviceId);
      persisted.add(c?.deviceId as string);
      expect(s.observations.wire[0]?.rpcs[0]).toMatchObject({ method: "exec.approval.resolve", ok: false, reason: "APPROVAL_NOT_FOUND" });
      expect(s.observations.control?.pendingAfterRuntime).toBe(true);
      expect(s.observations.requester?.finalDecision).not.toMatch(/^allow/);
    }
    // Two separate runtime processes presented one stable identity.
    expect(persisted.size).toBe(1);

    // Hygiene: the run checked itself, and nothing mentions a sandbox now.
    expect(report.hygiene.every((h) => h.pass)).toBe(true);
    await noSandboxLeft();

    // No secret or raw token in any file of the report folder: the run's token fingerprints are all we kept.
    const folder = dirname(path as string);
    for (const f of await readdir(folder)) {
      const text = await readFile(join(folder, f), "utf8");
      expect(text).not.toMatch(/"approvalRuntimeToken":\s*"[A-Za-z0-9_-]{20,}"/);
      expect(text).not.toMatch(/"token":\s*"[A-Za-z0-9_-]{20,}"/);
    }
  });
});
