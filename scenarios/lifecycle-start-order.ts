import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_SUCCEEDS, LIFECYCLE } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "lifecycle-start-order",
  claim:
    "An approval-runtime process that calls while the gateway is not listening (a sidecar started first, as Compose does without a healthcheck) fails at once with the client's own error instead of hanging, and the next one resolves once the gateway is up.",
  ...LIFECYCLE,
  steps: [
    { do: "stop-gateway" },
    // Nothing listens on the client's URL (the tap closes with the gateway): OpenClaw's client fails at once, no retry.
    { do: "resolve", by: "runtime", expectations: [{ id: "runtime-log", expect: { pattern: "ECONNREFUSED", meaning: "the client's connect is refused at once: nothing listens on its URL" } }] },
    { do: "start-gateway", facts: [{ id: "socket-token", expect: "kept" }] },
    { do: "resolve", by: "runtime", expectations: HANDOFF_SUCCEEDS },
  ],
};
