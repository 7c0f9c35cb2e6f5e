import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { OMITS_TOKEN_USES_STABLE_IDENTITY } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "configured-remote-identity",
  claim:
    "With gateway.mode remote and gateway.remote.url set (even to a loopback URL), the client omits the approval-runtime token and presents the stable device identity, so it cannot resolve another device's approval.",
  group: "core",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "config-remote-url" },
  decision: "allow-once",
  expectations: [{ id: "url-source", expect: "config gateway.remote.url" }, ...OMITS_TOKEN_USES_STABLE_IDENTITY],
};
