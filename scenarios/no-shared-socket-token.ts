import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "no-shared-socket-token",
  claim:
    "Without exec-approvals.json there is no shared socket token, so the gateway and the separate process each fall back to a token of their own and the handoff fails on every build: it rests on the shared file alone.",
  group: "probe",
  sandbox: "no-socket-token",
  client: { kind: "openclaw-runtime", route: "local-config" },
  decision: "allow-once",
  expectations: [
    { id: "runtime-token", expect: "not-derived" },
    ...refusedAndPending("no-runtime-authority"),
  ],
};
