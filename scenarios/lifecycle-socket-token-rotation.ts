import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_SUCCEEDS, LIFECYCLE, refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "lifecycle-socket-token-rotation",
  claim:
    "After an operator replaces the socket token with the build's own `openclaw approvals set --file`, the running gateway, without a restart, refuses a process that still holds the token derived from the old one and accepts a process that derives it again.",
  ...LIFECYCLE,
  steps: [
    { do: "resolve", by: "runtime", expectations: HANDOFF_SUCCEEDS },
    { do: "rotate-socket-token", facts: [{ id: "socket-token", expect: "changed" }, { id: "gateway-pid", expect: "same" }] },
    { do: "resolve", by: "held-token", expectations: refusedAndPending("no-runtime-authority") },
    { do: "resolve", by: "runtime", expectations: HANDOFF_SUCCEEDS },
  ],
};
