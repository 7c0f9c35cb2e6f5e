import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { OMITS_TOKEN_USES_STABLE_IDENTITY } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "env-url-omission",
  claim:
    "When OPENCLAW_GATEWAY_URL overrides the target, the client omits the approval-runtime token and presents the stable device identity of the shared state dir, so it cannot resolve another device's approval.",
  group: "core",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "env-url" },
  decision: "allow-once",
  expectations: [{ id: "url-source", expect: "env OPENCLAW_GATEWAY_URL" }, ...OMITS_TOKEN_USES_STABLE_IDENTITY],
};
