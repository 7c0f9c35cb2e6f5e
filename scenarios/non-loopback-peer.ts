import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { REFUSED_AND_PENDING } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "non-loopback-peer",
  claim:
    "A runtime process that shares OPENCLAW_HOME but not the network (its own network namespace, reaching the gateway over a veth pair) still sends the correct derived token, but the gateway's locality check refuses it runtime authority.",
  group: "probe",
  sandbox: "lan-bind",
  client: { kind: "openclaw-runtime", route: "local-config", network: "netns" },
  decision: "allow-once",
  expectations: [
    { id: "gateway-peer", expect: "non-loopback" },
    { id: "runtime-token", expect: "derived" },
    ...REFUSED_AND_PENDING,
  ],
};
