import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { REFUSED_AND_PENDING } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "missing-approvals-scope",
  claim: "The correct derived token on a gateway-client/backend connect without the operator.approvals scope is not trusted as the approval runtime.",
  group: "probe",
  sandbox: "shared-socket-token",
  client: { kind: "wire-probe", token: "derived", clientId: "gateway-client", clientMode: "backend", scopes: ["operator.read"] },
  decision: "allow-once",
  expectations: [
    { id: "runtime-token", expect: "derived" },
    ...REFUSED_AND_PENDING,
  ],
};
