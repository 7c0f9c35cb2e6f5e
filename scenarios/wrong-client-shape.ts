import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "wrong-client-shape",
  claim:
    "The correct derived token on a connect whose client mode is not backend (here: cli), from a paired device that keeps operator.approvals, is not trusted as the approval runtime: the gateway's runtime check refuses it, not a scope check.",
  group: "probe",
  sandbox: "shared-socket-token",
  client: { kind: "wire-probe", token: "derived", clientId: "gateway-client", clientMode: "cli", scopes: ["operator.approvals"], device: "local" },
  decision: "allow-once",
  control: "derived-token-probe",
  expectations: [{ id: "granted-scopes", expect: { includes: "operator.approvals" } }, ...refusedAndPending("no-runtime-authority")],
};
