import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_SUCCEEDS, LIFECYCLE } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "lifecycle-start-order",
  claim:
    "An approval-runtime process that calls before the gateway has ever started on its home (a sidecar that comes up first, as Compose starts it without a healthcheck) fails at once with the client's own error instead of hanging, and the next one resolves once the gateway is up, with the socket token the home already had.",
  ...LIFECYCLE,
  // No gateway has run on this home yet: the first start is step 2, so every start is one a step observes.
  gatewayBeforeSteps: "stopped",
  steps: [
    // Nothing listens on the client's URL: OpenClaw's client fails at once, no retry.
    { do: "resolve", by: "runtime", expectations: [{ id: "runtime-log", expect: { pattern: "ECONNREFUSED", meaning: "the client's connect is refused at once: nothing listens on its URL" } }] },
    { do: "start-gateway", facts: [{ id: "socket-token", expect: "kept" }] },
    { do: "resolve", by: "runtime", expectations: HANDOFF_SUCCEEDS },
  ],
};
