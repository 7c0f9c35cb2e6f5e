import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_SUCCEEDS } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "compose-sidecar-shared-netns",
  claim:
    "A sidecar container with network_mode service:gateway, sharing the state volume and the gateway's uid, dials the generated local URL, sends the token derived from the shared socket token, and resolves a requester-bound approval.",
  group: "compose",
  sandbox: "compose",
  client: { kind: "compose-sidecar", topology: "shared-netns", route: "local-config" },
  decision: "allow-once",
  expectations: [{ id: "url-source", expect: "local loopback" }, { id: "gateway-peer", expect: "loopback" }, ...HANDOFF_SUCCEEDS],
};
