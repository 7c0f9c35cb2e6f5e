import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";

export const scenario: ScenarioDefinition = {
  id: "fallback-local",
  claim:
    "With gateway.mode remote but no gateway.remote.url, the client falls back to the local URL, sends the derived approval-runtime token, and resolves the approval.",
  group: "core",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "fallback-local" },
  decision: "allow-once",
  expectations: [
    { id: "runtime-token", expect: "derived" },
    { id: "device-identity", expect: "absent" },
    { id: "resolve", expect: "succeeded" },
    { id: "requester-decision", expect: "allow-once" },
  ],
};
