import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_AS_BUILT, HANDOFF_SUCCEEDS, UPGRADE } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "upgrade-skew-gateway-first",
  claim:
    "While only the gateway is bumped (Compose recreates services one at a time; a separate sidecar image lags), the not-yet-bumped sidecar sends what its release derives and the head gateway decides on that alone: a release without the fix sends a token of its own process and is refused, never let through; the sidecar bumped to the head then resolves on the same home.",
  ...UPGRADE,
  firstGateway: "base",
  steps: [
    { do: "upgrade-gateway", to: "head", facts: [{ id: "socket-token", expect: "kept" }] },
    { do: "resolve", by: "runtime", build: "base", expectations: HANDOFF_AS_BUILT },
    { do: "resolve", by: "runtime", build: "head", expectations: HANDOFF_SUCCEEDS },
  ],
};
