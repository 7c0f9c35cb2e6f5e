import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { CANONICAL_RESOLVER } from "./_requirements.ts";
import { HANDOFF_SUCCEEDS } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "canonical-exec-handoff",
  claim: "The same runtime authority holds through the canonical resolver: resolveApprovalOverGateway with approvalKind exec sends approval.resolve with the derived token, and resolves the exec approval.",
  group: "claim",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "local-config", api: { call: "resolve-over-gateway", approvalKind: "exec" } },
  decision: "allow-once",
  requires: CANONICAL_RESOLVER,
  expectations: [{ id: "rpc-method", expect: "approval.resolve" }, ...HANDOFF_SUCCEEDS],
};
