import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_AS_BUILT, HANDOFF_SUCCEEDS, UPGRADE } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "upgrade-skew-sidecar-first",
  claim:
    "A long-lived sidecar bumped to the head before its gateway meets the base gateway as the two builds decide (observed with 2026.9.6 on a home 2026.6.5 serves: it stops at its migration gate before connecting, since nothing has imported the home's exec-approvals.json yet), and once the gateway is bumped the same process sends the derived token and resolves: nothing it met before keeps the token off its later calls (openclaw/openclaw#114181's path).",
  ...UPGRADE,
  firstGateway: "base",
  steps: [
    { do: "resolve", by: "held-runtime", build: "head", expectations: HANDOFF_AS_BUILT },
    { do: "upgrade-gateway", to: "head", facts: [{ id: "socket-token", expect: "kept" }] },
    { do: "resolve", by: "held-runtime", build: "head", expectations: HANDOFF_SUCCEEDS },
  ],
};
