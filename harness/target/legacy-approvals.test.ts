import { describe, expect, it } from "vitest";
import { classifyLegacyApprovalsImport, isCandidate } from "./legacy-approvals.ts";

const gate = (name: string) => ({ name, text: 'super(`${"Legacy exec approvals exist"} at ${filePath}. Run \\`openclaw doctor --fix\\``)' });

describe("classifyLegacyApprovalsImport (file names and texts as data, no build)", () => {
  it("reads only exec-approvals* and *startup* modules", () => {
    expect(["exec-approvals-migration-gate-GOr5.mjs", "exec-approvals-generated-migration-CYt.js", "startup-state-migrations-Bq.mjs", "index.js", "daemon-Bn5.js"].filter(isCandidate)).toEqual([
      "exec-approvals-migration-gate-GOr5.mjs",
      "exec-approvals-generated-migration-CYt.js",
      "startup-state-migrations-Bq.mjs",
    ]);
  });
  it("a build without the migration gate reads the JSON file itself", () => {
    expect(classifyLegacyApprovalsImport([{ name: "exec-approvals-config-abc.mjs", text: "export {}" }]).via).toBe("none");
  });
  it("a gate and a startup module that imports the legacy file: the gateway takes it in (2026.9.6)", () => {
    const r = classifyLegacyApprovalsImport([gate("exec-approvals-migration-gate-GOr5.mjs"), { name: "startup-state-migrations-Bq_1.mjs", text: 'import { n as migrateLegacyExecApprovals } from "./x.mjs";' }]);
    expect(r.via).toBe("gateway-start");
    expect(r.evidence).toContain("startup-state-migrations-Bq_1.mjs imports it at start");
  });
  it("a gate and no startup importer: only doctor takes it in (2026.8.1 .js, 2026.9.5 .mjs)", () => {
    expect(classifyLegacyApprovalsImport([gate("exec-approvals-generated-migration-CYtB4mAB.js")]).via).toBe("doctor");
    expect(classifyLegacyApprovalsImport([gate("exec-approvals-migration-gate-DBFI-bto.mjs"), { name: "command-execution-startup-B5.mjs", text: "export {}" }]).via).toBe("doctor");
  });
});
