import type { DeclaredChanges } from "../harness/plan/changes-types.ts";

/**
 * The fix's expected effect, base → head, declared as data (openclaw/openclaw#87105, first shipped in 2026.6.6).
 * Any (scenario, expectation) not listed must not regress: PASS_TO_FAIL fails the proof. Every scenario with a
 * FAIL_TO_PASS entry must run on both ends of a proof (harness/plan/validate-catalog.ts requiredForProof).
 */
export const changes: DeclaredChanges = {
  fix: "openclaw/openclaw#87105 share approval runtime socket token",
  problem:
    "Before the fix, the gateway trusted an approval-runtime client only when it presented a token that the gateway's own process had generated: 32 random bytes, new in every process. A separate approval-runtime process that shares OPENCLAW_HOME with the gateway (a sidecar, or the CLI container of OpenClaw's own compose file) could never present it, so the gateway refused its approval resolution and the request stayed pending. The fix derives the runtime token from the socket token in exec-approvals.json (the state database from 2026.8 on), so every process that shares the home derives the same one. The client sends it only when its gateway URL is the generated local one, or the fallback-local path of gateway.mode remote without a remote.url; on any other URL it omits the token and presents the state dir's stable device identity instead.",
  base: { expectedToShowBug: ["local-token-handoff", "fallback-local"] },
  expectations: {
    "local-token-handoff": { "*": "FAIL_TO_PASS", "device-identity": "PASS_TO_PASS", "url-source": "PASS_TO_PASS" },
    "fallback-local": { "*": "FAIL_TO_PASS", "device-identity": "PASS_TO_PASS", "url-source": "PASS_TO_PASS" },
    "env-url-omission": { "url-source": "PASS_TO_PASS", "runtime-token": "PASS_TO_PASS", resolve: "PASS_TO_PASS", "still-pending": "PASS_TO_PASS", "requester-decision": "PASS_TO_PASS", "device-identity": "FAIL_TO_PASS" },
    "configured-remote-identity": { "url-source": "PASS_TO_PASS", "runtime-token": "PASS_TO_PASS", resolve: "PASS_TO_PASS", "still-pending": "PASS_TO_PASS", "requester-decision": "PASS_TO_PASS", "device-identity": "FAIL_TO_PASS" },
    // The PR's further claims. On 2026.6.5 the agent tool attaches its process-local random token to approval calls
    // whatever the target and sends no device; with gateway.mode remote and no remote.url it throws "gateway remote
    // mode misconfigured" before connecting (the PR's last fix). The canonical resolver arrived after 2026.6.x.
    "explicit-url-omission": { "*": "PASS_TO_PASS" },
    "agent-tool-local": { "*": "FAIL_TO_PASS", "url-source": "PASS_TO_PASS" },
    // The PR's last fix: the tool's own classification (client-token-choice, traced in the runtime process) derives the
    // token on 2026.6.6+ and not on 2026.6.5 (a random process-local token). End to end it fails on every build: the
    // callGateway the tool hands the token to refuses gateway.mode=remote without remote.url before connecting
    // (2026.6.5, 2026.6.6, 2026.9.6). The scenario's knownFinding carries that, with its reproduction, into the report.
    "agent-tool-fallback-local": { "*": "FAIL_TO_FAIL", "client-token-choice": "FAIL_TO_PASS" },
    "agent-tool-env-url": { "*": "PASS_TO_PASS", "runtime-token": "FAIL_TO_PASS", "device-identity": "FAIL_TO_PASS" },
    "agent-tool-config-remote-url": { "*": "PASS_TO_PASS", "runtime-token": "FAIL_TO_PASS", "device-identity": "FAIL_TO_PASS" },
    "agent-tool-explicit-url": { "*": "PASS_TO_PASS" },
    "canonical-exec-handoff": { "*": "PASS_TO_PASS" },
    "plugin-approval-handoff": { "*": "PASS_TO_PASS" },
    "requester-identity-request-wait": { "*": "FAIL_TO_PASS", "url-source": "PASS_TO_PASS" },
    "no-shared-token-created": { "*": "PASS_TO_PASS" },
    "unshared-home-runtime": { "*": "PASS_TO_PASS" },
    // A sidecar's life (lifecycle lane): before the fix there is no shared token at all, so every handoff step fails on
    // 2026.6.5 on its token; the gateway and store facts (a restart keeps the socket token, `approvals set --file`
    // replaces it without a restart, the client fails at once while nothing listens) already hold there.
    "lifecycle-long-lived-runtime": { "*": "FAIL_TO_PASS", "step1:device-identity": "PASS_TO_PASS", "step2:socket-token": "PASS_TO_PASS", "step2:gateway-pid": "PASS_TO_PASS", "step3:device-identity": "PASS_TO_PASS", "step3:runtime-process": "PASS_TO_PASS" },
    "lifecycle-gateway-restart-in-place": { "*": "FAIL_TO_PASS", "step1:device-identity": "PASS_TO_PASS", "step2:socket-token": "PASS_TO_PASS", "step2:gateway-pid": "PASS_TO_PASS", "step3:device-identity": "PASS_TO_PASS" },
    "lifecycle-gateway-restart": { "*": "FAIL_TO_PASS", "step1:device-identity": "PASS_TO_PASS", "step2:socket-token": "PASS_TO_PASS", "step2:gateway-pid": "PASS_TO_PASS", "step3:device-identity": "PASS_TO_PASS" },
    "lifecycle-socket-token-rotation": {
      "*": "FAIL_TO_PASS",
      "step1:device-identity": "PASS_TO_PASS",
      "step2:socket-token": "PASS_TO_PASS",
      "step2:gateway-pid": "PASS_TO_PASS",
      "step3:resolve": "PASS_TO_PASS",
      "step3:still-pending": "PASS_TO_PASS",
      "step3:requester-decision": "PASS_TO_PASS",
      "step4:device-identity": "PASS_TO_PASS",
      "step4:runtime-process": "PASS_TO_PASS",
      "step5:device-identity": "PASS_TO_PASS",
      // The rotation by hand goes as each build keeps approvals (judge/handoff-by-builds.ts), on 2026.6.5 as on 2026.9.6.
      "step6:gateway-pid": "PASS_TO_PASS",
      "step7:handoff": "PASS_TO_PASS",
    },
    "lifecycle-start-order": { "*": "FAIL_TO_PASS", "step1:runtime-log": "PASS_TO_PASS", "step2:socket-token": "PASS_TO_PASS", "step3:device-identity": "PASS_TO_PASS" },
    "no-shared-socket-token": { "*": "PASS_TO_PASS" },
    // The upgrade group (proof --upgrade). In the base run both roles are the base build, so an upgrade there is a bump
    // to a build without the fix: the handoffs after it fail, as on any home the base serves. A handoff across builds
    // (step "as the builds derive") holds on both ends: a release without the fix is refused either way round.
    "upgrade-live-home": {
      "*": "FAIL_TO_PASS",
      "step1:handoff": "PASS_TO_PASS",
      "step2:socket-token": "PASS_TO_PASS",
      "step2:gateway-pid": "PASS_TO_PASS",
      "step3:device-identity": "PASS_TO_PASS",
    },
    "upgrade-skew-gateway-first": {
      "*": "FAIL_TO_PASS",
      "step1:socket-token": "PASS_TO_PASS",
      "step2:handoff": "PASS_TO_PASS",
      "step3:device-identity": "PASS_TO_PASS",
    },
    "upgrade-skew-sidecar-first": {
      "*": "FAIL_TO_PASS",
      "step1:handoff": "PASS_TO_PASS",
      "step2:socket-token": "PASS_TO_PASS",
      "step3:device-identity": "PASS_TO_PASS",
      "step3:runtime-process": "PASS_TO_PASS",
    },
    // Not applicable on the base run (no storage migration lies between a build and itself): its rows hold when the
    // head passes, as for any scenario a build cannot run.
  },
};
