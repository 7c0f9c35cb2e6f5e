import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "missing-approvals-scope",
  claim:
    "The correct derived token does not stand in for the operator.approvals scope: a gateway-client/backend connect that asks only for operator.read is refused by the method's scope check before any runtime authority is considered.",
  group: "probe",
  sandbox: "shared-socket-token",
  client: { kind: "wire-probe", token: "derived", clientId: "gateway-client", clientMode: "backend", scopes: ["operator.read"] },
  decision: "allow-once",
  control: "derived-token-probe",
  expectations: refusedAndPending("scope-not-requested"),
};
