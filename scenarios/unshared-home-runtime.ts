import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "unshared-home-runtime",
  claim:
    "A separate process that dials the same generated local URL but does not share the gateway's OPENCLAW_HOME holds no copy of its socket token, so the token it sends does not match and the gateway refuses it: the handoff rests on the shared home alone.",
  group: "control",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "local-config", home: "unshared" },
  decision: "allow-once",
  expectations: [
    { id: "runtime-token", expect: "not-derived" },
    ...refusedAndPending("no-runtime-authority"),
  ],
};
