import { describe, expect, it } from "vitest";
import { isolationSupport } from "./isolation/support.ts";
import { ISOLATION, pick, sharedRun, SHARED_RUN_TIMEOUT_MS } from "./e2e-shared-run.ts";

const support = await isolationSupport();

describe("the approval runtime across a container-like boundary", () => {
  it("runs both isolation scenarios for real, or reports them skipped with the reason (never passed)", { timeout: SHARED_RUN_TIMEOUT_MS }, async (ctx) => {
    // Read from the shared run (e2e-shared-run.ts).
    const run = await sharedRun();
    const [handoff, other, noIdentity] = pick(run, ISOLATION);
    if (!support.ok) {
      expect(handoff?.id).toBe("isolated-runtime-handoff");
      expect(handoff?.status).toBe("skipped");
      expect(handoff?.skipReason).toBe(support.reason);
      expect(other?.id).toBe("isolated-runtime-other-user");
      expect(other?.status).toBe("skipped");
      expect(other?.skipReason).toBe(support.reason);
      // The report's skip was checked; the isolation itself was not exercised here, so say so.
      ctx.skip(`isolation not exercised on this host: ${support.reason}`);
    }
    for (const s of [handoff, other, noIdentity]) expect(s?.status, `${s?.id}: ${s?.deciding}`).toBe("passed");
    for (const s of [handoff!, other!]) {
      const iso = s.observations.isolation!;
      // Real namespace ids on both sides, so a missing one cannot make a comparison below pass.
      for (const ns of ["mnt", "pid", "uts", "ipc", "net"]) {
        expect(iso.runtime?.ns[ns], `${s.id} runtime ${ns}`).toMatch(/^\w+:\[\d+\]$/);
        expect(iso.gateway.ns[ns], `${s.id} gateway ${ns}`).toMatch(/^\w+:\[\d+\]$/);
      }
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
    // No stable identity: the client gives up before any connection, and says why.
    expect(noIdentity?.id).toBe("identity-unavailable-fails-closed");
    expect(noIdentity?.status).toBe("passed");
    expect(noIdentity?.observations.wire).toEqual([]);
    expect(noIdentity?.refusals.map((x) => x.refusedBy)).toEqual(["client-before-connect"]);
    expect(noIdentity?.observations.control?.pendingAfterRuntime).toBe(true);
  });
});
