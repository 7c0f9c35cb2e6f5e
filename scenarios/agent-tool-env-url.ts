import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { AGENT_TOOL } from "./_requirements.ts";
import { OMITS_TOKEN_USES_STABLE_IDENTITY } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "agent-tool-env-url",
  claim: "The agent gateway tool sent elsewhere by OPENCLAW_GATEWAY_URL omits the approval-runtime token and presents the state dir's stable device identity, so it cannot resolve another device's approval.",
  group: "claim",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "env-url", api: { call: "agent-tool-resolve" } },
  decision: "allow-once",
  requires: AGENT_TOOL,
  expectations: [{ id: "url-source", expect: "env OPENCLAW_GATEWAY_URL" }, { id: "client-token-choice", expect: "none" }, ...OMITS_TOKEN_USES_STABLE_IDENTITY],
};
