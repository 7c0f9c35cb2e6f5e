import { describe, expect, it } from "vitest";
import { netnsUnsupportedReason } from "./netns/netns.ts";
import { LOCALITY, PROBES, pick, sharedRun, SHARED_RUN_TIMEOUT_MS, SHARED_SCENARIOS } from "./e2e-shared-run.ts";
import { noSandboxLeft } from "./e2e-helpers.ts";

const netnsMissing = await netnsUnsupportedReason();

describe("security probes against the real gateway, each refusal attributed to its gateway check", () => {
  it("refuses forged, raw and foreign tokens and wrong shapes by the check each probes, and accepts the positive control", { timeout: SHARED_RUN_TIMEOUT_MS }, async () => {
    // Read from the shared run (e2e-shared-run.ts): every probe and its control passed there.
    const run = await sharedRun();
    // The shared run as a whole: every scenario it was asked for, none failed (skipped ones say why), clean hygiene.
    expect([...run.byId.keys()].sort()).toEqual([...SHARED_SCENARIOS].sort());
    expect(run.report.targets[0]?.scenarios.filter((s) => s.status === "failed").map((s) => `${s.id}: ${s.deciding}`), run.out.slice(-3000)).toEqual([]);
    expect(run.report.hygiene.filter((h) => !h.pass)).toEqual([]);
    await noSandboxLeft(run.tmp);
    for (const s of pick(run, PROBES)) expect(s.status, `${s.id}: ${s.deciding}`).toBe("passed");
    const byId = run.byId;
    for (const id of ["forged-token", "raw-socket-token", "foreign-home-token"]) {
      const s = byId.get(id)!;
      expect(s.status).toBe("passed");
      expect(s.observations.wire[0]?.connect?.approvalRuntimeToken?.equalsDerived).toBe(false);
      expect(s.observations.wire[0]?.rpcs[0]).toMatchObject({ ok: false, reason: "APPROVAL_NOT_FOUND", approvalId: s.observations.requester?.approvalId });
      expect(s.refusals.map((x) => x.refusedBy)).toEqual(["no-runtime-authority"]);
      expect(s.expectations.find((e) => e.id === "positive-control")?.pass).toBe(true);
    }
    expect(byId.get("derived-token-probe")?.observations.requester?.finalDecision).toBe("allow-once");
    // The derived token on a cli-mode connect from a device that keeps its scopes: the runtime check refuses it.
    const wrongShape = byId.get("wrong-client-shape")!;
    const last = wrongShape.observations.wire.at(-1)!;
    expect(last.connect).toMatchObject({ clientId: "gateway-client", clientMode: "cli" });
    expect(last.connect?.approvalRuntimeToken?.equalsDerived).toBe(true);
    expect(last.hello?.grantedScopes).toContain("operator.approvals");
    expect(wrongShape.refusals.at(-1)?.refusedBy).toBe("no-runtime-authority");
    // Without the scope, the method's scope check refuses before any runtime authority is considered.
    const noScope = byId.get("missing-approvals-scope")!;
    expect(noScope.observations.wire[0]?.connect?.scopes).not.toContain("operator.approvals");
    expect(noScope.refusals.map((x) => x.refusedBy)).toEqual(["scope-not-requested"]);
    for (const s of [wrongShape, noScope]) expect(s.observations.control?.pendingAfterRuntime, s.id).toBe(true);
  });

  it("locality: a non-local peer loses its scopes without a device, and with a paired device it is refused by the runtime check alone", { timeout: SHARED_RUN_TIMEOUT_MS }, async (ctx) => {
    const run = await sharedRun();
    const byId = run.byId;
    if (netnsMissing) {
      for (const id of ["non-loopback-peer", "remote-paired-device-locality", "loopback-paired-device-runtime"]) {
        expect(byId.get(id)?.status, id).toBe("skipped");
        expect(byId.get(id)?.skipReason, id).toBe(netnsMissing);
      }
      ctx.skip(`network namespaces not available here: ${netnsMissing}`);
    }
    for (const s of pick(run, LOCALITY)) expect(s.status, `${s.id}: ${s.deciding}`).toBe("passed");
    const nl = byId.get("non-loopback-peer")!;
    const w = nl.observations.wire[0]!;
    expect(w.upstreamLocalAddress).toMatch(/^169\.254\./);
    expect(w.connect?.approvalRuntimeToken?.equalsDerived).toBe(true);
    expect(nl.refusals.map((x) => x.refusedBy)).toEqual(["scopes-cleared"]);
    const remote = byId.get("remote-paired-device-locality")!;
    const rw = remote.observations.wire.at(-1)!;
    expect(rw.upstreamLocalAddress).toMatch(/^169\.254\./);
    expect(rw.hello?.grantedScopes).toContain("operator.approvals");
    expect(rw.connect?.approvalRuntimeToken?.equalsDerived).toBe(true);
    expect(remote.refusals.at(-1)?.refusedBy).toBe("no-runtime-authority");
    expect(remote.observations.runtime?.logTail).toContain("device.pair.approve");
    const local = byId.get("loopback-paired-device-runtime")!;
    expect(local.status).toBe("passed");
    expect(local.observations.wire.at(-1)?.upstreamLocalAddress).toMatch(/^127\./);
    expect(local.observations.runtime?.logTail).toContain("device.pair.approve");
    expect(local.observations.requester?.finalDecision).toBe("allow-once");
  });
});
