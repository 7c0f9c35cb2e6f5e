import { describe, expect, it } from "vitest";
import { classifyLegacyApprovalsImport } from "./legacy-approvals.ts";

describe("classifyLegacyApprovalsImport (file names and texts as data, no build)", () => {
  it("a build without the migration gate reads the JSON file itself", () => {
    expect(classifyLegacyApprovalsImport(["index.js", "exec-approvals-config-abc.mjs"], []).via).toBe("none");
  });
  it("a gate and a startup migration that imports the legacy file: the gateway takes it in (2026.9.6)", () => {
    const r = classifyLegacyApprovalsImport(["exec-approvals-migration-gate-GOr5.mjs", "startup-state-migrations-Bq_1.mjs"], ['import { n as migrateLegacyExecApprovals } from "./x.mjs";']);
    expect(r.via).toBe("gateway-start");
    expect(r.evidence).toContain("startup-state-migrations-Bq_1.mjs");
  });
  it("a gate and no startup importer: only doctor takes it in (2026.8.x to 2026.9.5)", () => {
    expect(classifyLegacyApprovalsImport(["exec-approvals-migration-gate-DBFI-bto.mjs"], []).via).toBe("doctor");
    expect(classifyLegacyApprovalsImport(["exec-approvals-migration-gate-D.mjs", "startup-state-migrations-Z.mjs"], ["export {}"]).via).toBe("doctor");
  });
});
