import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "non-loopback-peer",
  claim:
    "A runtime process that shares OPENCLAW_HOME but not the network (its own network namespace, reaching the gateway over a veth pair) sends the correct derived token without a device identity, and as a non-local deviceless peer it loses its unbound scopes, so its resolve is refused for the missing scope.",
  group: "probe",
  sandbox: "lan-bind",
  client: { kind: "openclaw-runtime", route: "local-config", network: "netns" },
  decision: "allow-once",
  control: "loopback-peer-control",
  expectations: [
    { id: "gateway-peer", expect: "non-loopback" },
    { id: "runtime-token", expect: "derived" },
    ...refusedAndPending("scopes-cleared"),
  ],
};
