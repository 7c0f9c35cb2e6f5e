import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { AGENT_TOOL } from "./_requirements.ts";
import { refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "agent-tool-explicit-url",
  claim:
    "The agent gateway tool with an explicit gatewayUrl (an allowed loopback override) attaches no approval-runtime token, so it cannot resolve another device's approval; the device identity it sends comes from callGateway's default, and is recorded.",
  group: "claim",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "explicit-url", api: { call: "agent-tool-resolve" } },
  decision: "allow-once",
  requires: AGENT_TOOL,
  expectations: [{ id: "url-source", expect: "gatewayUrl override (agent tool)" }, { id: "runtime-token", expect: "absent" }, ...refusedAndPending("no-runtime-authority")],
};
