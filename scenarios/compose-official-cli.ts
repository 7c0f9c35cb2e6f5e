import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_SUCCEEDS } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "compose-official-cli",
  claim:
    "In OpenClaw's own Compose layout, as the build's docs state it (docs/install/docker/compose-operations.md on 2026.9.x, docs/install/docker.md before: openclaw-cli with network_mode service:openclaw-gateway, NET_RAW and NET_ADMIN dropped and no-new-privileges on both services, the gateway on --bind lan, the config dir bind-mounted), the CLI container dials the generated local URL over the gateway's loopback, sends the token derived from the shared socket token, and resolves a requester-bound approval: the case #87105 was written for.",
  group: "compose",
  sandbox: "compose",
  client: { kind: "compose-sidecar", topology: "official-cli", route: "local-config" },
  decision: "allow-once",
  expectations: [{ id: "url-source", expect: "local loopback" }, { id: "gateway-peer", expect: "loopback" }, ...HANDOFF_SUCCEEDS],
};
