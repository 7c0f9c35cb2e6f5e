import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { REFUSED_AND_PENDING } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "wrong-client-shape",
  claim: "The correct derived token on a connect whose client mode is not backend (here: cli) is not trusted as the approval runtime.",
  group: "probe",
  sandbox: "shared-socket-token",
  client: { kind: "wire-probe", token: "derived", clientId: "gateway-client", clientMode: "cli", scopes: ["operator.approvals"] },
  decision: "allow-once",
  expectations: [
    { id: "runtime-token", expect: "derived" },
    ...REFUSED_AND_PENDING,
  ],
};
