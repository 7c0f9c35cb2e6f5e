import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";

export const scenario: ScenarioDefinition = {
  id: "loopback-paired-device-runtime",
  claim:
    "The locality pair's control: the same kind of paired device with the shared gateway token and the derived token, on loopback to the same LAN-bound gateway, is trusted as the approval runtime and resolves another device's approval, so locality alone makes the difference.",
  group: "probe",
  sandbox: "lan-bind",
  client: { kind: "wire-probe", token: "derived", clientId: "gateway-client", clientMode: "backend", scopes: ["operator.approvals"], device: "paired-remotely" },
  decision: "allow-once",
  requires: [{ method: "device.pair.approve" }],
  expectations: [
    { id: "gateway-peer", expect: "loopback" },
    { id: "granted-scopes", expect: { includes: "operator.approvals" } },
    { id: "resolve", expect: "succeeded" },
    { id: "requester-decision", expect: "allow-once" },
  ],
};
