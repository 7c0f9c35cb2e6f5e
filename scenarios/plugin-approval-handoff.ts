import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { CANONICAL_RESOLVER } from "./_requirements.ts";
import { HANDOFF_SUCCEEDS } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "plugin-approval-handoff",
  claim: "The runtime authority covers plugin approvals too: resolveApprovalOverGateway with approvalKind plugin and the derived token resolves a requester-bound plugin approval.",
  group: "claim",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "local-config", api: { call: "resolve-over-gateway", approvalKind: "plugin" } },
  approval: "plugin",
  decision: "allow-once",
  requires: [{ method: "plugin.approval.request" }, ...CANONICAL_RESOLVER],
  expectations: [{ id: "rpc-method", expect: "approval.resolve" }, ...HANDOFF_SUCCEEDS],
};
