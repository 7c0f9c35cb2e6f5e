import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_SUCCEEDS, LIFECYCLE } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "lifecycle-long-lived-runtime",
  claim:
    "One approval-runtime process resolves an approval, the gateway restarts, and the same process resolves a second one: its next call connects again and sends the derived token on the new connection (openclaw/openclaw#114181, the token reported dropped on reconnect, closed as not reproducible).",
  ...LIFECYCLE,
  steps: [
    { do: "resolve", by: "held-runtime", expectations: HANDOFF_SUCCEEDS },
    { do: "restart-gateway", facts: [{ id: "socket-token", expect: "kept" }, { id: "gateway-pid", expect: "new" }] },
    { do: "resolve", by: "held-runtime", expectations: HANDOFF_SUCCEEDS },
  ],
};
