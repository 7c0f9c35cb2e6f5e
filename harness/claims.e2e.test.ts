import { describe, expect, it } from "vitest";
import type { ScenarioResult } from "./evidence/types.ts";
import { CLAIMS, FINDING, pickHead, sharedProof, SHARED_PROOF_TIMEOUT_MS } from "./e2e-shared-proof.ts";
import { noSandboxLeft } from "./e2e-helpers.ts";

describe("the PR's further claims, each observed on the wire of the real pinned gateway", () => {
  it("every claim scenario passes but one finding, and every refusal names the gateway check that made it", { timeout: SHARED_PROOF_TIMEOUT_MS }, async () => {
    // Read from the head of the shared proof (e2e-shared-proof.ts): the default proof holds every claim scenario. The
    // finding fails its scenario (declared FAIL_TO_FAIL), and it is the only failure of the head.
    const run = await sharedProof();
    const { report } = run;
    expect(run.head.scenarios.filter((s) => s.status === "failed").map((s) => s.id)).toEqual([FINDING]);
    const byId = new Map<string, ScenarioResult>(pickHead(run, [...CLAIMS, FINDING]).map((s) => [s.id, s]));
    for (const s of byId.values()) if (s.id !== FINDING) expect(s.status, `${s.id}: ${s.deciding}`).toBe("passed");

    // Finding: in a separate process the agent tool with gateway.mode remote and no remote.url fails before connecting.
    const finding = byId.get(FINDING)!;
    expect(finding.status).toBe("failed");
    expect(finding.observations.wire).toEqual([]);
    expect(finding.refusals.map((x) => x.refusedBy)).toEqual(["client-before-connect"]);
    expect(finding.observations.runtime?.errorMessage).toContain("gateway remote mode misconfigured: gateway.remote.url missing");
    expect(finding.observations.control?.pendingAfterRuntime).toBe(true);
    // It did reach the classification the PR changed: the tool derived this home's token before callGateway refused.
    expect(finding.expectations.find((e) => e.id === "client-token-choice")?.pass).toBe(true);
    expect(finding.observations.runtime?.tokenDerivation).toEqual({ count: 1, equalsDerived: true });
    expect(finding.knownFinding?.reproduce).toContain("callGatewayTool");
    expect(finding.findings.some((f) => f.startsWith("OpenClaw finding: ") && f.includes("Reproduce: "))).toBe(true);

    // The agent tool attaches the token only for the local target, fallback-local included (the PR's last fix).
    for (const id of ["agent-tool-local"]) {
      const c = byId.get(id)!.observations.wire[0]?.connect;
      expect(c?.approvalRuntimeToken, id).toMatchObject({ length: 43, equalsDerived: true });
      expect(c?.deviceId, id).toBeNull();
    }
    for (const id of ["agent-tool-env-url", "agent-tool-config-remote-url"]) {
      const s = byId.get(id)!;
      expect(s.observations.runtime?.tokenDerivation, id).toEqual({ count: 0, equalsDerived: false });
      expect(s.observations.wire[0]?.connect?.approvalRuntimeToken, id).toBeNull();
      expect(s.observations.wire[0]?.connect?.deviceId, id).toBe(s.observations.stateIdentity?.deviceId);
      expect(s.refusals.map((x) => x.refusedBy), id).toEqual(["no-runtime-authority"]);
    }
    // Explicit URLs: no token; OpenClaw's client is refused at the handshake, the tool by the runtime check.
    expect(byId.get("explicit-url-omission")!.refusals.map((x) => x.refusedBy)).toEqual(["handshake-rejected"]);
    expect(byId.get("agent-tool-explicit-url")!.refusals.map((x) => x.refusedBy)).toEqual(["no-runtime-authority"]);
    // The canonical resolver really sent approval.resolve, for this scenario's approval.
    for (const id of ["canonical-exec-handoff", "plugin-approval-handoff"]) {
      const s = byId.get(id)!;
      const rpc = s.observations.wire.flatMap((w) => w.rpcs).find((x) => x.method === "approval.resolve");
      expect(rpc?.approvalId, id).toBe(s.observations.requester?.approvalId);
      expect(rpc?.ok, id).toBe(true);
    }
    // The runtime process as requester: its wait returned what the admin decided.
    const wait = byId.get("requester-identity-request-wait")!;
    expect(wait.observations.runtime?.returned?.decision).toBe(wait.observations.control?.settledWith);
    // No socket token appeared where none was.
    const store = byId.get("no-shared-token-created")!.observations.socketTokenStore!;
    expect(store.after.tokenFingerprints.filter((f) => !store.before.tokenFingerprints.includes(f))).toEqual([]);
    expect(store.after.execApprovalsFile).toBe(false);

    for (const s of byId.values()) for (const x of s.refusals) expect(x.basis.length, s.id).toBeGreaterThan(10);
    expect(report.hygiene.filter((h) => !h.pass)).toEqual([]);
    await noSandboxLeft(run.tmp);
  });
});
