import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "foreign-home-token",
  claim: "A token correctly derived from another OPENCLAW_HOME's socket token is refused: authority is bound to this home's shared file.",
  group: "probe",
  sandbox: "shared-socket-token",
  client: { kind: "wire-probe", token: "foreign-home", clientId: "gateway-client", clientMode: "backend", scopes: ["operator.approvals"] },
  decision: "allow-once",
  control: "derived-token-probe",
  expectations: refusedAndPending("no-runtime-authority"),
};
