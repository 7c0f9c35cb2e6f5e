import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_SUCCEEDS, LIFECYCLE } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "lifecycle-gateway-restart-in-place",
  claim:
    "After the gateway restarts in place on the build's own restart signal (the same process, as `openclaw gateway restart` asks it to), the sidecar's next approval-runtime process resolves again: the socket token survives and the restarted gateway accepts its derivation.",
  ...LIFECYCLE,
  steps: [
    { do: "resolve", by: "runtime", expectations: HANDOFF_SUCCEEDS },
    { do: "restart-gateway", how: "in-place", facts: [{ id: "socket-token", expect: "kept" }, { id: "gateway-pid", expect: "same" }] },
    { do: "resolve", by: "runtime", expectations: HANDOFF_SUCCEEDS },
  ],
};
