import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { AGENT_TOOL } from "./_requirements.ts";
import { AGENT_TOOL_HANDOFF_SUCCEEDS } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "agent-tool-fallback-local",
  claim:
    "The agent gateway tool with gateway.mode remote but no gateway.remote.url treats the target as local (the PR's last fix): it attaches the derived approval-runtime token and no device, and resolves the approval.",
  group: "claim",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "fallback-local", api: { call: "agent-tool-resolve" } },
  decision: "allow-once",
  requires: AGENT_TOOL,
  expectations: [{ id: "url-source", expect: "missing gateway.remote.url (fallback local)" }, ...AGENT_TOOL_HANDOFF_SUCCEEDS],
};
