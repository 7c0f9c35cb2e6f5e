import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_AS_BUILT, HANDOFF_SUCCEEDS, LIFECYCLE, refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "lifecycle-socket-token-rotation",
  claim:
    "After an operator replaces the socket token with the build's own `openclaw approvals set --file`, the running gateway, without a restart, refuses a process that still holds the token derived from the old one, and accepts the long-lived sidecar process (the same PID) and a new one, each deriving it again from the store. Rotated the way people do it after that (exec-approvals.json written in place, left world-readable at 0644), the next sidecar goes as its build keeps approvals: the JSON era takes the new token at once; from 2026.8 the file is a legacy one, the database keeps its token, and the sidecar stops at the migration gate (`Run openclaw doctor --fix`) before it connects.",
  ...LIFECYCLE,
  steps: [
    { do: "resolve", by: "held-runtime", expectations: HANDOFF_SUCCEEDS },
    { do: "rotate-socket-token", facts: [{ id: "socket-token", expect: "changed" }, { id: "gateway-pid", expect: "same" }] },
    { do: "resolve", by: "held-token", expectations: refusedAndPending("no-runtime-authority") },
    // The long-lived process across the rotation: the derivation of the new socket token, or the running gateway refuses it.
    { do: "resolve", by: "held-runtime", expectations: HANDOFF_SUCCEEDS },
    { do: "resolve", by: "runtime", expectations: HANDOFF_SUCCEEDS },
    { do: "rotate-socket-token", how: "edit-file", mode: "0644", facts: [{ id: "gateway-pid", expect: "same" }] },
    { do: "resolve", by: "runtime", expectations: HANDOFF_AS_BUILT },
  ],
};
