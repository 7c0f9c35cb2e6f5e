import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_SUCCEEDS } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "loopback-peer-control",
  claim:
    "The locality probes' positive control: on the same LAN-bound gateway, a runtime process on loopback with the same set-up takes the handoff, so a non-loopback refusal is caused by where the peer is.",
  group: "probe",
  sandbox: "lan-bind",
  client: { kind: "openclaw-runtime", route: "local-config" },
  decision: "allow-once",
  expectations: [{ id: "gateway-peer", expect: "loopback" }, ...HANDOFF_SUCCEEDS],
};
