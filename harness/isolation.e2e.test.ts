import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { isolationSupport } from "./isolation/support.ts";
import { readReport, reportPathFrom, runCli } from "./e2e-helpers.ts";

const reports = await dir({ unsafeCleanup: true, prefix: "isolation-e2e-" });
afterAll(() => reports.cleanup());
const support = await isolationSupport();

describe("the approval runtime across a container-like boundary", () => {
  it("runs both isolation scenarios for real, or reports them skipped with the reason (never passed)", async () => {
    const r = await runCli(["smoke", "--scenario", "isolated-runtime-handoff", "--scenario", "isolated-runtime-other-user", "--report-dir", reports.path]);
    const out = String(r.all);
    const report = await readReport(reportPathFrom(out) as string);
    const [handoff, other] = report.targets[0]!.scenarios;
    if (!support.ok) {
      expect(handoff?.status).toBe("skipped");
      expect(handoff?.skipReason).toBe(support.reason);
      return;
    }
    expect(r.exitCode, out).toBe(0);
    for (const s of [handoff!, other!]) {
      const iso = s.observations.isolation!;
      for (const ns of ["mnt", "pid", "uts", "ipc"]) expect(iso.runtime?.ns[ns]).not.toBe(iso.gateway.ns[ns]);
      expect(iso.runtime?.ns.net).toBe(iso.gateway.ns.net);
      expect(iso.runtime?.hostname).toBe("smoke-runtime");
      expect(iso.hostTmpMarkerVisible).toBe(false);
    }
    expect(handoff?.observations.isolation?.runtime?.uid).toBe(0);
    expect(handoff?.observations.requester?.finalDecision).toBe("allow-once");
    expect(other?.observations.isolation?.runtime?.uid).not.toBe(0);
    expect(other?.observations.wire[0]?.connect?.approvalRuntimeToken?.equalsDerived).toBe(false);
    expect(other?.findings.join("\n")).toContain("Finding for OpenClaw");
  });
});
