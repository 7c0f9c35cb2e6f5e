import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { AGENT_TOOL } from "./_requirements.ts";
import { AGENT_TOOL_HANDOFF_SUCCEEDS } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "agent-tool-fallback-local",
  claim:
    "The agent gateway tool with gateway.mode remote but no gateway.remote.url treats the target as local (the PR's last fix): it derives the approval-runtime token, then attaches it and no device, and resolves the approval.",
  group: "claim",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "fallback-local", api: { call: "agent-tool-resolve" } },
  decision: "allow-once",
  requires: AGENT_TOOL,
  expectations: [
    // The tool's own classification (what the PR changed and unit-tests), seen in the runtime process before callGateway.
    { id: "client-token-choice", expect: "derived" },
    // End to end (what the PR claims): these fail on every build, see knownFinding.
    { id: "url-source", expect: "missing gateway.remote.url (fallback local)" },
    ...AGENT_TOOL_HANDOFF_SUCCEEDS,
  ],
  knownFinding: {
    title:
      "The PR's last fix does not hold end to end: with gateway.mode=remote and no gateway.remote.url, the callGateway that callGatewayTool hands its call to reads the same config and refuses it before connecting ('gateway remote mode misconfigured: gateway.remote.url missing'), so the token the tool chose for this fallback-local route (the derived one from 2026.6.6 on) never reaches the gateway. So in every process outside the gateway (openclaw agent --local, a plugin's or any separate process); inside the gateway 2026.9.x runs the tool in-process, with no connection and no token",
    failsWith: "gateway remote mode misconfigured: gateway\\.remote\\.url missing",
    reproduce:
      "npm i openclaw@2026.9.6 && d=$(mktemp -d) && mkdir -p \"$d/.openclaw\" && echo '{\"gateway\":{\"mode\":\"remote\",\"port\":18789}}' > \"$d/.openclaw/openclaw.json\" && HOME=\"$d\" OPENCLAW_HOME=\"$d\" TMPDIR=\"$d\" node --input-type=module -e 'import { callGatewayTool } from \"openclaw/plugin-sdk/agent-harness-runtime\"; await callGatewayTool(\"exec.approval.resolve\", {}, { id: \"x\", decision: \"deny\" })' (Node 24; throws 'gateway remote mode misconfigured: gateway.remote.url missing' before any connection, while resolveApprovalOverGateway with the same config dials ws://127.0.0.1:18789: urlSource 'missing gateway.remote.url (fallback local)')",
    source: [
      "src/agents/tools/gateway.ts resolveDefaultGatewayTarget: mode remote without remote.url → target local (2026.6.6 dist/gateway-Dq9H8-iz.js:68-72; 2026.9.6 dist/gateway-C0WAS-zz.mjs:119-123)",
      "src/agents/tools/gateway.ts callGatewayTool → callGateway({ url: undefined, approvalRuntimeToken }) (2026.6.6 dist/gateway-Dq9H8-iz.js:159-186; 2026.9.6 dist/gateway-C0WAS-zz.mjs:408-495)",
      "src/gateway/call.ts resolveGatewayCallContext: isRemoteMode = config.gateway.mode === 'remote' (2026.6.6 dist/call-B5-GYOlf.js:357; 2026.9.6 dist/call-CysZoL4g.mjs:323, unless a localPortOverride)",
      "src/gateway/call.ts ensureRemoteModeUrlConfigured throws before connecting (2026.6.6 dist/call-B5-GYOlf.js:370-377, called at 593; 2026.9.6 dist/call-CysZoL4g.mjs:338-345, called at 584)",
      "2026.9.6 only: the localPortOverride comes from the admitting gateway's context (dist/gateway-C0WAS-zz.mjs:166), and with that context the call is dispatched in-process (shouldUseInProcessGatewayTool, :401); openclaw agent --local has localEmbedded: true (src/gateway/local-request-context.ts, dist/agent-command-Dyd2gex-.mjs:220), so neither",
    ],
  },
};
