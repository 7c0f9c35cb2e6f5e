import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";

export const scenario: ScenarioDefinition = {
  id: "derived-token-probe",
  claim:
    "The probes' positive control: the harness's own wire client with the correct derived token and the runtime's exact shape is accepted, so every refusal of a probe on the same gateway is caused by the one thing that probe changed.",
  group: "probe",
  sandbox: "shared-socket-token",
  client: { kind: "wire-probe", token: "derived", clientId: "gateway-client", clientMode: "backend", scopes: ["operator.approvals"] },
  decision: "allow-once",
  expectations: [
    { id: "resolve", expect: "succeeded" },
    { id: "requester-decision", expect: "allow-once" },
  ],
};
