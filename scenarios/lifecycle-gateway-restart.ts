import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_SUCCEEDS, LIFECYCLE } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "lifecycle-gateway-restart",
  claim:
    "After the gateway is stopped and started again on the same home, the sidecar's next approval-runtime process resolves again with the same derived token: the socket token survives the restart and the new gateway accepts its derivation.",
  ...LIFECYCLE,
  steps: [
    { do: "resolve", by: "runtime", expectations: HANDOFF_SUCCEEDS },
    { do: "restart-gateway", facts: [{ id: "socket-token", expect: "kept" }, { id: "gateway-pid", expect: "new" }] },
    { do: "resolve", by: "runtime", expectations: HANDOFF_SUCCEEDS },
  ],
};
