import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";

export const scenario: ScenarioDefinition = {
  id: "env-url-omission",
  claim:
    "When OPENCLAW_GATEWAY_URL overrides the target, the client omits the approval-runtime token and presents the stable device identity of the shared state dir, so it cannot resolve another device's approval.",
  group: "core",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "env-url" },
  decision: "allow-once",
  expectations: [
    { id: "runtime-token", expect: "absent" },
    { id: "device-identity", expect: "state-identity" },
    { id: "resolve", expect: "refused" },
    { id: "still-pending", expect: true },
    { id: "requester-decision", expect: "never-allow" },
  ],
};
