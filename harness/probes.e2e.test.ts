import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { readReport, reportPathFrom, runCli } from "./e2e-helpers.ts";

const reports = await dir({ unsafeCleanup: true, prefix: "probes-e2e-" });
afterAll(() => reports.cleanup());

const PROBES = ["forged-token", "raw-socket-token", "foreign-home-token", "wrong-client-shape", "missing-approvals-scope", "derived-token-probe", "non-loopback-peer"];

describe("security probes against the real gateway", () => {
  it("refuses forged, raw and foreign tokens and wrong shapes, and accepts the positive control", async (ctx) => {
    const r = await runCli(["smoke", ...PROBES.flatMap((p) => ["--scenario", p]), "--report-dir", reports.path]);
    const out = String(r.all);
    expect(r.exitCode, out).toBe(0);
    const report = await readReport(reportPathFrom(out) as string);
    const byId = new Map(report.targets[0]!.scenarios.map((s) => [s.id, s]));
    for (const id of ["forged-token", "raw-socket-token", "foreign-home-token"]) {
      const s = byId.get(id)!;
      expect(s.status).toBe("passed");
      expect(s.observations.wire[0]?.connect?.approvalRuntimeToken?.equalsDerived).toBe(false);
      expect(s.observations.wire[0]?.rpcs[0]).toMatchObject({ ok: false, reason: "APPROVAL_NOT_FOUND" });
      expect(s.observations.control?.pendingAfterRuntime).toBe(true);
    }
    expect(byId.get("derived-token-probe")?.observations.requester?.finalDecision).toBe("allow-once");
    expect(byId.get("wrong-client-shape")?.status).toBe("passed");
    expect(byId.get("missing-approvals-scope")?.status).toBe("passed");
    // Both present the derived token, so only the client shape / missing scope can be why resolve is refused.
    const wrongShape = byId.get("wrong-client-shape")!;
    const wrongShapeConnect = wrongShape.observations.wire[0]?.connect;
    expect(wrongShapeConnect).toMatchObject({ clientId: "gateway-client", clientMode: "cli" });
    expect(wrongShapeConnect?.approvalRuntimeToken?.equalsDerived).toBe(true);
    const noScope = byId.get("missing-approvals-scope")!;
    const noScopeConnect = noScope.observations.wire[0]?.connect;
    expect(noScopeConnect?.scopes).toBeInstanceOf(Array);
    expect(noScopeConnect?.scopes).not.toContain("operator.approvals");
    expect(noScopeConnect?.approvalRuntimeToken?.equalsDerived).toBe(true);
    for (const s of [wrongShape, noScope]) {
      expect(s.observations.wire[0]?.rpcs[0], s.id).toMatchObject({ ok: false, reason: "MISSING_SCOPE" });
      expect(s.observations.control?.pendingAfterRuntime, s.id).toBe(true);
    }
    const nl = byId.get("non-loopback-peer")!;
    if (nl.status === "skipped") {
      expect(nl.skipReason).toMatch(/root|iproute2/);
      // Everything above was checked; the non-loopback peer was not exercised here, so say so (not a pass).
      ctx.skip(`non-loopback-peer not exercised on this host: ${nl.skipReason ?? ""}`);
    } else {
      expect(nl.status).toBe("passed");
      const w = nl.observations.wire[0]!;
      expect(w.upstreamLocalAddress).toMatch(/^169\.254\./);
      expect(w.connect?.approvalRuntimeToken?.equalsDerived).toBe(true);
      expect(w.rpcs[0]?.ok).toBe(false);
      expect(nl.observations.control?.pendingAfterRuntime).toBe(true);
    }
  });
});
