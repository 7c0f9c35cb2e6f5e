import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "forged-token",
  claim: "An approvalRuntimeToken made with the right HMAC construction under a wrong key is not runtime authority: the resolve is refused and the approval stays pending.",
  group: "probe",
  sandbox: "shared-socket-token",
  client: { kind: "wire-probe", token: "forged-key", clientId: "gateway-client", clientMode: "backend", scopes: ["operator.approvals"] },
  decision: "allow-once",
  control: "derived-token-probe",
  expectations: refusedAndPending("no-runtime-authority"),
};
