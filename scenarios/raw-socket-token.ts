import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "raw-socket-token",
  claim: "Presenting the raw socket token itself instead of its derivation is refused: only the HMAC-derived token is runtime authority.",
  group: "probe",
  sandbox: "shared-socket-token",
  client: { kind: "wire-probe", token: "raw-socket-token", clientId: "gateway-client", clientMode: "backend", scopes: ["operator.approvals"] },
  decision: "allow-once",
  control: "derived-token-probe",
  expectations: refusedAndPending("no-runtime-authority"),
};
