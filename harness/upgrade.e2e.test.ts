import { describe, expect, it } from "vitest";
import { sharedRun, SHARED_RUN_TIMEOUT_MS, UPGRADE } from "./e2e-shared-run.ts";

describe("an upgrade on real gateways: a home 2026.6.5 serves, its sidecar bumped first, then the gateway", () => {
  it("the bumped sidecar stops at its own migration gate, and after the gateway's bump the same process resolves with the derived token", { timeout: SHARED_RUN_TIMEOUT_MS }, async () => {
    // Read from the shared run (e2e-shared-run.ts): `smoke --scenario upgrade-skew-sidecar-first`, base 2026.6.5 by default.
    const run = await sharedRun();
    const [id] = UPGRADE;
    const s = run.byId.get(id as string);
    expect(s?.status, `${id}: ${s?.deciding}`).toBe("passed");
    const steps = s?.steps ?? [];
    expect(steps.map((x) => x.do)).toEqual(["resolve", "upgrade-gateway", "resolve"]);
    // Step 1: the head's client on the home the base still serves; nothing reached the gateway.
    expect(steps[0]?.builds).toMatchObject({ gateway: { role: "base", version: "2026.6.5", derivesToken: false, approvalsStore: "file" }, client: { role: "head", derivesToken: true, approvalsStore: "database" } });
    expect(steps[0]?.observations?.runtime?.errorName).toBe("ExecApprovalsMigrationRequiredError");
    expect(steps[0]?.observations?.wire).toEqual([]);
    // Step 2: the bump imports exec-approvals.json into the state database with the socket token unchanged.
    const f = steps[1]?.facts;
    expect(f?.socketTokenBefore?.locations).toEqual(["file"]);
    expect(f?.socketTokenAfter?.locations).toEqual(["database"]);
    expect(f?.socketTokenAfter?.tokenFingerprints).toEqual(f?.socketTokenBefore?.tokenFingerprints);
    expect(f?.gatewayPidAfter).not.toBe(f?.gatewayPidBefore);
    // Step 3: the same long-lived process, now the derived token on the wire, and the requester got allow-once.
    expect(steps[2]?.observations?.runtime?.pid).toBe(steps[0]?.observations?.runtime?.pid);
    const connects = steps[2]?.observations?.wire.filter((c) => c.connect) ?? [];
    expect(connects.length).toBeGreaterThan(0);
    expect(connects.map((c) => c.connect?.approvalRuntimeToken?.equalsDerived)).toEqual(connects.map(() => true));
    expect(steps[2]?.observations?.requester?.finalDecision).toBe("allow-once");
    const gateways = run.report.targets[0]?.gateways.filter((g) => g.sandboxProfile.includes(id as string)) ?? [];
    expect(gateways.map((g) => g.build?.role)).toEqual(["base", "head"]);
  });
});
