import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "explicit-url-omission",
  claim:
    "When the caller passes its own gatewayUrl (urlSource cli --url), even one on loopback, the client omits the approval-runtime token and presents the state dir's stable device identity, so it cannot resolve another device's approval.",
  group: "claim",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "explicit-url" },
  decision: "allow-once",
  expectations: [
    { id: "url-source", expect: "cli --url" },
    { id: "runtime-token", expect: "absent" },
    { id: "device-identity", expect: "state-identity" },
    ...refusedAndPending("handshake-rejected"),
  ],
};
