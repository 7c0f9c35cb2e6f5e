import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { composeBump, HANDOFF_AS_BUILT, LOCAL_LOOPBACK } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "compose-upgrade-skew",
  claim:
    "A bump of the gateway's image alone, in OpenClaw's own layout (the CLI image lags): the CLI on the base release, recreated beside the head's gateway on the same state, is decided as the two builds decide: a release without the fix sends a token of its own process and is refused, never let through.",
  ...composeBump("gateway-only"),
  expectations: [...LOCAL_LOOPBACK, ...HANDOFF_AS_BUILT],
};
