import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { AGENT_TOOL } from "./_requirements.ts";
import { OMITS_TOKEN_USES_STABLE_IDENTITY } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "agent-tool-config-remote-url",
  claim: "The agent gateway tool with gateway.mode remote and gateway.remote.url (even on loopback) omits the approval-runtime token and presents the state dir's stable device identity, so it cannot resolve another device's approval.",
  group: "claim",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "config-remote-url", api: { call: "agent-tool-resolve" } },
  decision: "allow-once",
  requires: AGENT_TOOL,
  expectations: [{ id: "url-source", expect: "config gateway.remote.url" }, { id: "client-token-choice", expect: "none" }, ...OMITS_TOKEN_USES_STABLE_IDENTITY],
};
