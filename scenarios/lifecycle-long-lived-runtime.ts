import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_SUCCEEDS, LIFECYCLE } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "lifecycle-long-lived-runtime",
  claim:
    "One approval-runtime process, as a sidecar that runs for weeks, resolves an approval, meets a gateway restart and then a socket-token rotation (the build's own `openclaw approvals set --file`), and resolves after each: every call connects again and sends the token derived from the store as it is then, the new one after the rotation (openclaw/openclaw#114181, the token reported dropped on reconnect, closed as not reproducible).",
  ...LIFECYCLE,
  steps: [
    { do: "resolve", by: "held-runtime", expectations: HANDOFF_SUCCEEDS },
    { do: "restart-gateway", facts: [{ id: "socket-token", expect: "kept" }, { id: "gateway-pid", expect: "new" }] },
    { do: "resolve", by: "held-runtime", expectations: HANDOFF_SUCCEEDS },
    { do: "rotate-socket-token", facts: [{ id: "socket-token", expect: "changed" }, { id: "gateway-pid", expect: "same" }] },
    // The same process: the derivation of the new socket token (the tap compares with it), or the running gateway refuses it.
    { do: "resolve", by: "held-runtime", expectations: HANDOFF_SUCCEEDS },
  ],
};
