import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_SUCCEEDS } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "fallback-local",
  claim:
    "With gateway.mode remote but no gateway.remote.url, the client falls back to the local URL, sends the derived approval-runtime token, and resolves the approval.",
  group: "core",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "fallback-local" },
  decision: "allow-once",
  expectations: [{ id: "url-source", expect: "missing gateway.remote.url (fallback local)" }, ...HANDOFF_SUCCEEDS],
};
