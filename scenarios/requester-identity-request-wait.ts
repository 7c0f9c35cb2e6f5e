import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { AGENT_TOOL } from "./_requirements.ts";

export const scenario: ScenarioDefinition = {
  id: "requester-identity-request-wait",
  claim:
    "An env-selected approval request and wait from a separate process sharing OPENCLAW_HOME (the agent gateway tool's exec.approval.request, then exec.approval.waitDecision) omits the runtime token and keeps the state dir's stable identity as the approval's requester, and the wait returns the decision the operator made.",
  group: "claim",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "env-url", api: { call: "agent-tool-request-wait" } },
  approval: "none",
  decision: "allow-once",
  requires: AGENT_TOOL,
  expectations: [
    { id: "url-source", expect: "env OPENCLAW_GATEWAY_URL" },
    { id: "runtime-token", expect: "absent" },
    { id: "device-identity", expect: "state-identity" },
    { id: "requester-bound", expect: "state-identity" },
    { id: "wait-decision", expect: "admin-decision" },
  ],
};
