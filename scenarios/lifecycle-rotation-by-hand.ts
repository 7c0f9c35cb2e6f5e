import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_AS_BUILT, HANDOFF_SUCCEEDS, LIFECYCLE } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "lifecycle-rotation-by-hand",
  claim:
    "Rotating the socket token the way people do, by writing exec-approvals.json in place with a new token and leaving it world-readable (mode 0644): the next sidecar process goes as its build keeps approvals. Where the file is the store (the JSON era, 2026.6.x), the running gateway takes the new token at once and the sidecar's new derivation resolves; where the store is the state database (2026.8 on), the file is a legacy one: the database keeps the old token and every sidecar stops at the migration gate (`Run openclaw doctor --fix`) before it connects, refused rather than let through.",
  ...LIFECYCLE,
  steps: [
    { do: "resolve", by: "runtime", expectations: HANDOFF_SUCCEEDS },
    { do: "rotate-socket-token", how: "edit-file", mode: "0644", facts: [{ id: "gateway-pid", expect: "same" }] },
    { do: "resolve", by: "runtime", expectations: HANDOFF_AS_BUILT },
  ],
};
