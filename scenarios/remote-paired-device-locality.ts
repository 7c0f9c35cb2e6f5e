import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "remote-paired-device-locality",
  claim:
    "A non-local peer (its own network namespace, over a veth pair) with a device paired through device.pair.approve keeps operator.approvals, yet with the shared gateway token and the correct derived token it is not trusted as the approval runtime: the gateway's locality condition refuses it runtime authority.",
  group: "probe",
  sandbox: "lan-bind",
  client: { kind: "wire-probe", token: "derived", clientId: "gateway-client", clientMode: "backend", scopes: ["operator.approvals"], device: "paired-remotely", network: "netns" },
  decision: "allow-once",
  control: "loopback-paired-device-runtime",
  requires: [{ method: "device.pair.approve" }],
  expectations: [
    { id: "gateway-peer", expect: "non-loopback" },
    { id: "granted-scopes", expect: { includes: "operator.approvals" } },
    ...refusedAndPending("no-runtime-authority"),
  ],
};
