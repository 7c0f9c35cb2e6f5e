import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { OMITS_TOKEN_USES_STABLE_IDENTITY } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "compose-sidecar-bridge-url",
  claim:
    "A sidecar on the project network that reaches the gateway by service name through OPENCLAW_GATEWAY_URL (what most people write first) cannot use the runtime handoff: it omits the token, presents the state volume's stable device, and is refused; the approval stays pending and never allows.",
  group: "compose",
  sandbox: "compose",
  client: { kind: "compose-sidecar", topology: "bridge-url", route: "env-url" },
  decision: "allow-once",
  expectations: [{ id: "url-source", expect: "env OPENCLAW_GATEWAY_URL" }, { id: "gateway-peer", expect: "non-loopback" }, ...OMITS_TOKEN_USES_STABLE_IDENTITY],
  findingWhenObserved:
    "This topology cannot use the runtime handoff: OpenClaw's client sends the approval-runtime token only on the generated local URL, and a sidecar on another network namespace can reach the gateway only by a URL that is not local (OPENCLAW_GATEWAY_URL), so it is an ordinary device without runtime authority. Put the sidecar in the gateway's network namespace (network_mode: service:<gateway>) instead.",
};
