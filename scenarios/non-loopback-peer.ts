import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";

export const scenario: ScenarioDefinition = {
  id: "non-loopback-peer",
  claim:
    "A runtime process that shares OPENCLAW_HOME but not the network (its own network namespace, reaching the gateway over a veth pair) still sends the correct derived token, but the gateway's locality check refuses it runtime authority.",
  group: "probe",
  sandbox: "lan-bind",
  client: { kind: "openclaw-runtime", route: "local-config", network: "netns" },
  decision: "allow-once",
  requires: ["root", "netns"],
  expectations: [
    { id: "gateway-peer", expect: "non-loopback" },
    { id: "runtime-token", expect: "derived" },
    { id: "resolve", expect: "refused" },
    { id: "still-pending", expect: true },
    { id: "requester-decision", expect: "never-allow" },
  ],
};
