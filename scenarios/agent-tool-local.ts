import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { AGENT_TOOL } from "./_requirements.ts";
import { AGENT_TOOL_HANDOFF_SUCCEEDS } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "agent-tool-local",
  claim: "The agent gateway tool (callGatewayTool) on the local target attaches the derived approval-runtime token and resolves the approval.",
  group: "claim",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "local-config", api: { call: "agent-tool-resolve" } },
  decision: "allow-once",
  requires: AGENT_TOOL,
  expectations: [{ id: "url-source", expect: "local loopback" }, ...AGENT_TOOL_HANDOFF_SUCCEEDS],
};
