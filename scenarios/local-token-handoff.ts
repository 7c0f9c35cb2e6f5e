import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_SUCCEEDS } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "local-token-handoff",
  claim:
    "A separate process sharing OPENCLAW_HOME, dialing the generated local gateway URL, sends the approval-runtime token derived from the shared socket token, and the gateway lets it resolve a requester-bound approval.",
  group: "core",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "local-config" },
  decision: "allow-once",
  expectations: [{ id: "url-source", expect: "local loopback" }, ...HANDOFF_SUCCEEDS],
};
