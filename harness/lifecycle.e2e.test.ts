/**
 * A sidecar's life (issue 32) on the real pinned gateway, read from the shared proof's head: a stop and start on the same home,
 * a socket-token rotation through the build's own CLI, and a runtime process that calls before the gateway listens.
 */
import { describe, expect, it } from "vitest";
import { LIFECYCLE, pickHead, sharedProof, SHARED_PROOF_TIMEOUT_MS } from "./e2e-shared-proof.ts";

describe("a sidecar's life on the real pinned gateway", () => {
  it("every lifecycle step holds, each gateway the restarts made is recorded and stopped, and the facts are read, not assumed", { timeout: SHARED_PROOF_TIMEOUT_MS }, async () => {
    // Read from the head of the shared proof (e2e-shared-proof.ts): the default proof holds every lifecycle scenario.
    const run = await sharedProof();
    const byId = new Map(pickHead(run, LIFECYCLE).map((s) => [s.id, s]));
    for (const s of byId.values()) expect(s.status, `${s.id}: ${s.deciding}`).toBe("passed");

    const restart = byId.get("lifecycle-gateway-restart")!;
    const [before, , after] = restart.steps ?? [];
    const facts = restart.steps?.[1]?.facts;
    expect(facts?.gatewayPidAfter).not.toBe(facts?.gatewayPidBefore);
    expect(facts?.socketTokenAfter?.tokenFingerprints).toEqual(facts?.socketTokenBefore?.tokenFingerprints);
    // The same derivation on both sides of the restart, each time on the wire.
    expect(before?.observations?.wire[0]?.connect?.approvalRuntimeToken?.fingerprint).toBe(after?.observations?.wire[0]?.connect?.approvalRuntimeToken?.fingerprint);
    const records = run.head.gateways.filter((g) => g.sandboxProfile.startsWith("lifecycle:lifecycle-gateway-restart#"));
    expect(records).toHaveLength(2);
    for (const g of records) expect(g.exit?.by, g.logFile).toBe("harness");

    const rotation = byId.get("lifecycle-socket-token-rotation")!;
    const [first, rotate, held, again, fresh, byHand, afterHand] = rotation.steps ?? [];
    expect(rotate?.facts?.gatewayPidAfter).toBe(rotate?.facts?.gatewayPidBefore);
    expect(held?.refusals.map((r) => r.refusedBy)).toEqual(["no-runtime-authority"]);
    // The held token is the derivation from before the rotation; the long-lived process (the same PID) and a new one
    // derived again and sent the new socket token's derivation.
    const sent = (st: typeof first) => st?.observations?.wire[0]?.connect?.approvalRuntimeToken;
    expect(sent(held)?.fingerprint).toBe(sent(first)?.fingerprint);
    expect(again?.observations?.runtime?.pid).toBe(first?.observations?.runtime?.pid);
    for (const st of [again, fresh]) {
      expect(sent(st)).toMatchObject({ equalsDerived: true });
      expect(rotate?.facts?.socketTokenAfter?.derivedFingerprints).toContain(sent(st)?.fingerprint);
    }
    // By hand on 2026.9.6: the file is a legacy one beside the database's token, and the next sidecar stops at its gate.
    expect(byHand?.facts?.socketTokenAfter).toMatchObject({ locations: ["file", "database"], fileMode: "644" });
    expect(afterHand?.observations?.runtime?.errorName).toBe("ExecApprovalsMigrationRequiredError");
    expect(afterHand?.observations?.wire).toEqual([]);

    const inPlace = byId.get("lifecycle-gateway-restart-in-place")!.steps?.[1]?.facts;
    expect(inPlace?.gatewayPidAfter).toBe(inPlace?.gatewayPidBefore);

    // One process across the restart, and its derived token on each of its connections (#114181).
    const longLived = byId.get("lifecycle-long-lived-runtime")!;
    const [one, , two] = longLived.steps ?? [];
    expect(one?.observations?.runtime?.pid).toBe(two?.observations?.runtime?.pid);
    for (const st of [one, two]) expect(st?.observations?.wire.map((w) => w.connect?.approvalRuntimeToken?.equalsDerived)).toEqual([true]);

    const order = byId.get("lifecycle-start-order")!;
    const early = order.steps?.[0]?.observations?.runtime;
    expect(early?.errorMessage).toMatch(/ECONNREFUSED/);
    expect(early?.timedOut).toBe(false);
    // At once: well under the client's own 15 s connect limits, let alone the runtime timeout.
    expect(early?.wallMs).toBeLessThan(10_000);
    // The pinned build imports the seeded exec-approvals.json at its gateway's start: one start before the steps did
    // that (a runtime before it meets the migration gate), and the step's start is the second. The store says so
    // before that step's start: no legacy file left, the home's socket token read from the state database.
    const beforeStart = order.steps?.[1]?.facts?.socketTokenBefore;
    expect(beforeStart?.execApprovalsFile).toBe(false);
    expect(beforeStart?.tokenFingerprints).toHaveLength(1);
    expect(order.steps?.[1]?.facts?.socketTokenAfter?.tokenFingerprints).toEqual(beforeStart?.tokenFingerprints);
    expect(run.head.gateways.filter((g) => g.sandboxProfile.startsWith("lifecycle:lifecycle-start-order#")).map((g) => g.sandboxProfile)).toEqual(["lifecycle:lifecycle-start-order#1 (legacy import)", "lifecycle:lifecycle-start-order#2"]);
  });
});
