import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { OMITS_TOKEN_NOT_PAIRED } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "compose-official-cli",
  claim:
    "In OpenClaw's own Compose layout (the CLI service on the project network, a bind-mounted config dir), the approval client cannot take the handoff: its generated local URL is its own loopback and reaches no gateway, and the gateway's service URL makes it omit the token and present the stable device, which the gateway rejects at connect (not paired), so it never allows.",
  group: "compose",
  sandbox: "compose",
  client: { kind: "compose-sidecar", topology: "official-cli", route: "env-url", firstAttempt: "local-config" },
  decision: "allow-once",
  expectations: [
    { id: "first-attempt", expect: "unreachable" },
    { id: "url-source", expect: "env OPENCLAW_GATEWAY_URL" },
    { id: "gateway-peer", expect: "non-loopback" },
    ...OMITS_TOKEN_NOT_PAIRED,
  ],
};
