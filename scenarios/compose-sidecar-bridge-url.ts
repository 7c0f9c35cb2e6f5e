import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { OMITS_TOKEN_NOT_PAIRED } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "compose-sidecar-bridge-url",
  claim:
    "A sidecar on the project network that reaches the gateway by service name through OPENCLAW_GATEWAY_URL (what most people write first) cannot use the runtime handoff: it omits the token, presents the state volume's stable device, and is refused (the gateway rejects that non-local, unpaired device at connect); the approval stays pending and never allows.",
  group: "compose",
  sandbox: "compose",
  client: { kind: "compose-sidecar", topology: "bridge-url", route: "env-url" },
  decision: "allow-once",
  expectations: [{ id: "url-source", expect: "env OPENCLAW_GATEWAY_URL" }, { id: "gateway-peer", expect: "non-loopback" }, ...OMITS_TOKEN_NOT_PAIRED],
  findingWhenObserved:
    "This topology cannot use the runtime handoff: OpenClaw's client sends the approval-runtime token only on the generated local URL, and a sidecar on another network namespace can reach the gateway only by a URL that is not local (OPENCLAW_GATEWAY_URL), so it is an ordinary device without runtime authority, which the gateway does not even admit until it is paired (connect answered NOT_PAIRED 'pairing required: device is not approved yet'). OpenClaw's client also refuses the plaintext ws:// service URL unless OPENCLAW_ALLOW_INSECURE_PRIVATE_WS=1. Put the sidecar in the gateway's network namespace (network_mode: service:<gateway>) instead.",
};
