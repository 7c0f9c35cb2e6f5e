/**
 * Typed builders of the sample reports kept as JSON in fixtures/reports/ (the renderers' and schema's fixtures).
 * The builders make the fixtures type-checked against Report; redact.test/validate.test compare the JSON to them.
 * Regenerate the JSON after a change here: node harness/evidence/sample-reports.ts --write
 * Every secret below is planted: it goes in as raw input and must never come out of a renderer.
 */
import { writeFileSync } from "node:fs";
import type { Report, ScenarioResult, TargetRun, WireConnection, Observations, HygieneCheck } from "./types.ts";
import { REPORT_SCHEMA_VERSION } from "./types.ts";
import { createRedactor, type Redactor } from "./redact.ts";
import { judge, scenarioStatus } from "../judge/evaluate.ts";
import { compareRuns, preflight } from "../judge/compare.ts";
import { deriveApprovalRuntimeToken, fingerprint } from "../wire/token.ts";
import type { ScenarioDefinition, GatewayRoute } from "../plan/scenario-types.ts";
import { scenario as localHandoff } from "../../scenarios/local-token-handoff.ts";
import { scenario as envUrl } from "../../scenarios/env-url-omission.ts";
import { scenario as configRemote } from "../../scenarios/configured-remote-identity.ts";
import { scenario as fallbackLocal } from "../../scenarios/fallback-local.ts";
import { changes } from "../../scenarios/changes.ts";

export const PLANTED = {
  socketToken: "oc_sock_9f2KxQ7vLm3Tz8RwB1nYp4HcD6sJ0aEu",
  gatewayToken: "gw_tok_4e7a1c9b3f5d8e2a6c0b4d9f1e3a7c5b",
  oldRuntimeToken: "Zq8wXc2VbN6mLk4JhG0fDs9AaP3oIu7YtR5eWq1Tz2x",
  requesterKeyPem:
    "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIPl4nT3dS3cR3tK3yV4lU3xQ9mB2rZ8wC5tN1yL0aF7b\n-----END PRIVATE KEY-----\n",
} as const;

const DERIVED = deriveApprovalRuntimeToken(PLANTED.socketToken);
const STATE_DEVICE = "5d0e3c8a9b1f47e26a3c5b7d9e1f20436b8c0d2e4f6a8b1c3d5e7f9a0b2c4d6e";
const REQUESTER_DEVICE = "c3a91f0e7b5d2486af1e3c5b7d9f0a2c4e6b8d1f3a5c7e9b0d2f4a6c8e1b3d5f";

export function plantedRedactor(): Redactor {
  return createRedactor([
    { name: "socket-token", value: PLANTED.socketToken },
    { name: "gateway-token", value: PLANTED.gatewayToken },
    { name: "derived-token", value: DERIVED },
    { name: "runtime-token", value: PLANTED.oldRuntimeToken },
    { name: "requester-private-key:local-token-handoff", value: PLANTED.requesterKeyPem },
  ]);
}

type Version = "2026.9.6" | "2026.6.5";
const SCENARIOS: readonly ScenarioDefinition[] = [localHandoff, envUrl, configRemote, fallbackLocal];

function routeOf(s: ScenarioDefinition): GatewayRoute {
  if (s.client.kind !== "openclaw-runtime") throw new Error(`${s.id}: not a runtime scenario`);
  return s.client.route;
}

const TOKEN_ROUTES: readonly GatewayRoute[] = ["local-config", "fallback-local"];

function setup(s: ScenarioDefinition, r: Redactor): ScenarioResult["setup"] {
  const route = routeOf(s);
  const auth = { mode: "token", token: PLANTED.gatewayToken };
  const cfg =
    route === "config-remote-url"
      ? { gateway: { mode: "remote", remote: { url: "ws://127.0.0.1:<tap>", token: PLANTED.gatewayToken } } }
      : { gateway: { mode: route === "fallback-local" ? "remote" : "local", port: 0, bind: "loopback", auth } };
  const env: Record<string, string> = { HOME: "$SANDBOX/home", OPENCLAW_HOME: "$SANDBOX/home/.openclaw", TMPDIR: "$SANDBOX/tmp", XDG_CACHE_HOME: "$SANDBOX/cache" };
  if (route === "env-url") Object.assign(env, { OPENCLAW_GATEWAY_URL: "ws://127.0.0.1:<tap>", OPENCLAW_GATEWAY_TOKEN: PLANTED.gatewayToken });
  const source = { "local-config": "local loopback", "env-url": "env OPENCLAW_GATEWAY_URL", "config-remote-url": "config gateway.remote.url", "fallback-local": "missing gateway.remote.url (fallback local)", "explicit-url": "cli --url" }[route];
  const door = { "local-config": "local", "env-url": "env", "config-remote-url": "remote", "fallback-local": "local", "explicit-url": "explicit" }[route];
  return { client: "openclaw-runtime", description: `route ${route}`, config: r.deep(cfg), env: r.deep(env), gatewayUrlArg: null, sandboxProfile: s.sandbox, doors: [{ door, host: null, urlSource: source }] };
}

function observe(s: ScenarioDefinition, version: Version, r: Redactor, n: number): Observations {
  const sendsToken = TOKEN_ROUTES.includes(routeOf(s));
  const fixed = version === "2026.9.6";
  const resolved = sendsToken && fixed;
  const token = sendsToken
    ? { length: 43, fingerprint: fingerprint(fixed ? DERIVED : PLANTED.oldRuntimeToken), equalsDerived: fixed }
    : null;
  const wire: WireConnection = {
    index: 0,
    peer: `127.0.0.1:${41230 + n}`,
    upstreamLocalAddress: "127.0.0.1",
    door: { "local-config": "local", "env-url": "env", "config-remote-url": "remote", "fallback-local": "local", "explicit-url": "explicit" }[routeOf(s)],
    host: "127.0.0.1:41200",
    openedAtMs: 380 + 17 * n,
    connect: {
      clientId: "gateway-client",
      clientMode: "backend",
      role: "operator",
      scopes: ["operator.approvals"],
      caps: [],
      authFields: sendsToken ? ["token", "approvalRuntimeToken"] : ["token"],
      approvalRuntimeToken: token,
      deviceId: sendsToken || !fixed ? null : STATE_DEVICE,
      malformed: [],
      minProtocol: 3,
      maxProtocol: 4,
    },
    hello: { ok: true, errorCode: null, reason: null, message: null, grantedScopes: ["operator.approvals"] },
    rpcs: [
      resolved
        ? { method: "exec.approval.resolve", approvalId: approvalIdOf(n), ok: true, applied: null, errorCode: null, reason: null, message: null, sentAtMs: 520 + 17 * n, answeredAtMs: 531 + 17 * n }
        : { method: "exec.approval.resolve", approvalId: approvalIdOf(n), ok: false, applied: null, errorCode: "INVALID_REQUEST", reason: "APPROVAL_NOT_FOUND", message: "unknown or expired approval id", sentAtMs: 520 + 17 * n, answeredAtMs: 523 + 17 * n },
    ],
    close: { by: "client", code: 1000, reason: "", atMs: 560 + 17 * n },
  };
  const log = resolved
    ? `[runtime] gateway ws://127.0.0.1:<tap> (token ${PLANTED.gatewayToken})\n[runtime] resolved allow-once`
    : `[runtime] gateway ws://127.0.0.1:<tap> (token ${PLANTED.gatewayToken})\nGatewayRequestError: unknown or expired approval id`;
  return {
    wire: [wire],
    runtime: {
      pid: 48210 + n,
      exitCode: resolved ? 0 : 1,
      signal: null,
      timedOut: false,
      wallMs: 900 + 61 * n,
      ok: resolved,
      errorName: resolved ? null : "GatewayRequestError",
      errorMessage: resolved ? null : "unknown or expired approval id",
      errorCode: resolved ? null : "INVALID_REQUEST",
      errorReason: resolved ? null : "APPROVAL_NOT_FOUND",
      returned: null,
      logTail: r.text(log),
    },
    control: { pendingAfterRuntime: !resolved, strangerSees: null, settledWith: resolved ? null : "deny", settleError: null },
    requester: {
      approvalId: approvalIdOf(n),
      deviceId: REQUESTER_DEVICE,
      accepted: true,
      requestError: null,
      finalDecision: resolved ? "allow-once" : "deny",
      finalSource: resolved ? "runtime" : "control-settle",
      dialect: null,
    },
    stateIdentity: { source: "sqlite", deviceId: STATE_DEVICE },
    isolation: null,
    socketTokenStore: null,
    compose: null,
  };
}

function approvalIdOf(n: number): string {
  return `7f3c2a1e-5b9d-4c8e-a0f1-2d4b6c8e0a${String(10 + n)}`;
}

function scenarioResult(s: ScenarioDefinition, version: Version, r: Redactor, n: number): ScenarioResult {
  const observations = observe(s, version, r, n);
  const setupRecord = setup(s, r);
  const { expectations, refusals, deciding } = judge(s.expectations, observations, { doors: setupRecord.doors });
  return {
    id: s.id,
    claim: s.claim,
    status: scenarioStatus(expectations),
    skipReason: null,
    setup: setupRecord,
    observations,
    expectations,
    refusals,
    deciding,
    durationMs: 2400 + 130 * n,
    findings: [],
  };
}

function targetRun(role: TargetRun["role"], version: Version, r: Redactor): TargetRun {
  const head = version === "2026.9.6";
  return {
    role,
    target: {
      spec: `openclaw@${version}`,
      kind: "registry",
      version,
      path: `~/.cache/openclaw-approval-smoke/targets/openclaw-${version}/node_modules/openclaw`,
      integrity: head ? "sha512-3kq9Vb0cR7wXn2Lm5Tz8Pd1Yf4Hs6Gj0Ae9Uo2Ki7Bx3Nc5Mv8Qw1Er4Ty6Zu0Ip3As7Df9Gh2Jk5Lz8Xc1Vb4Nm==" : "sha512-Qm4Rt7Yu0Io3Pa6Sd9Fg2Hj5Kl8Zx1Cv4Bn7Mq0We3Rt6Yu9Io2Pa5Sd8Fg1Hj4Kl7Zx0Cv3Bn6Mq9We2Rt5Yu8Io1A==",
      tarballSha256: null,
      gitCommit: null,
      gitDirty: null,
      nodeVersion: "v24.21.0",
    },
    gateways: [
      {
        sandboxProfile: "shared-socket-token",
        readyMs: head ? 12840 : 6120,
        readyAttempts: head ? 9 : 4,
        peakRssBytes: head ? 1_012_473_856 : 786_432_000,
        exit: { code: 0, signal: null, by: "harness" },
        stopMs: head ? 420 : 710,
        logFile: `logs/${role}-shared-socket-token-gateway.log`,
      },
    ],
    timings: { provisionMs: head ? 310 : 41_870, gatewayReadyMs: head ? 12840 : 6120, totalMs: head ? 19_650 : 13_940 },
    scenarios: SCENARIOS.map((s, i) => scenarioResult(s, version, r, i)),
  };
}

function hygiene(files: number): HygieneCheck[] {
  return [
    { id: "processes", pass: true, detail: "none of 6 tracked process(es) still running, and no process mentions a sandbox", offenders: [] },
    {
      id: "files",
      pass: true,
      detail:
        "nothing created outside the sandbox and report folder, and /tmp/openclaw not touched (checked: /tmp/openclaw, /tmp/openclaw-state-locks-1000, /tmp/openclaw-1000, /tmp/.openclaw-terminal-staging-1000, /home/ci/.openclaw, /home/ci/.cache/openclaw (each to depth 3) and the entries named *openclaw* in /tmp); lock naming verified: 3 lock file(s) named by the computed hash(es) 5e1f0a3c were found and removed",
      offenders: [],
    },
    { id: "ports", pass: true, detail: "none of 5 port(s) still listening", offenders: [] },
    { id: "secrets", pass: true, detail: `no known secret value in ${files} file(s) written`, offenders: [] },
  ];
}

const HOST = { os: "linux", release: "6.8.0-1024-gcp", arch: "x64", cpus: 2, memoryBytes: 8_331_317_248, harnessNode: "v24.21.0" };
const HARNESS = { name: "openclaw-approval-runtime-smoke", version: "0.1.0" };

function base(mode: Report["mode"], runId: string, command: string, totalMs: number): Omit<Report, "targets" | "status" | "comparison" | "preflight" | "hygiene" | "logs" | "quarantine"> {
  // The samples hold the four core scenarios: the declared changes of those (scenarios/changes.ts), no more.
  const started = Date.parse("2026-09-14T09:12:03.417Z");
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    runId,
    command,
    mode,
    abortReason: null,
    harness: HARNESS,
    host: HOST,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(started + totalMs).toISOString(),
    timings: { totalMs },
    resources: { harnessPeakRssBytes: 97_452_032 },
    notSelected: [],
    change: { fix: changes.fix, problem: changes.problem },
  };
}

function smoke(version: Version, runId: string): Report {
  const r = plantedRedactor();
  const target = targetRun("single", version, r);
  const passed = target.scenarios.every((s) => s.status === "passed");
  return {
    ...base("smoke", runId, `pnpm smoke --openclaw ${version}`, target.timings.totalMs + 1_210),
    status: passed ? "passed" : "failed",
    targets: [target],
    comparison: null,
    preflight: null,
    hygiene: hygiene(7),
    logs: ["logs/single-shared-socket-token-gateway.log", "logs/single-shared-socket-token-tap.log"],
    quarantine: null,
  };
}

export function smokePassReport(): Report {
  return smoke("2026.9.6", "20260914T091203-smoke-a3f9c1");
}

export function smokeFailReport(): Report {
  return smoke("2026.6.5", "20260914T091203-smoke-7b2e04");
}

export function proofReport(): Report {
  const r = plantedRedactor();
  const b = targetRun("base", "2026.6.5", r);
  const h = targetRun("head", "2026.9.6", r);
  const core = { ...changes, expectations: Object.fromEntries(Object.entries(changes.expectations).filter(([id]) => SCENARIOS.some((s) => s.id === id))) };
  const comparison = compareRuns(b, h, core);
  const pre = preflight(b, h, core);
  const ok = comparison.every((c) => c.holds) && pre.every((p) => p.ok);
  return {
    ...base("proof", "20260914T091203-proof-d41c8e", "pnpm proof --base 2026.6.5 --head 2026.9.6", b.timings.totalMs + h.timings.totalMs + 2_330),
    status: ok ? "passed" : "failed",
    targets: [b, h],
    comparison,
    preflight: pre,
    hygiene: hygiene(12),
    logs: ["logs/base-shared-socket-token-gateway.log", "logs/base-shared-socket-token-tap.log", "logs/head-shared-socket-token-gateway.log", "logs/head-shared-socket-token-tap.log"],
    quarantine: null,
    strength: sampleStrength(),
  };
}

/** `proof --strength`: one mutant the core catches, one whose catcher the sample's scenario set leaves out. */
function sampleStrength(): NonNullable<Report["strength"]> {
  const mutants: NonNullable<Report["strength"]>["mutants"] = [
    {
      id: "token-never-sent",
      reverts: "A separate process on the generated local URL sends the derived approval-runtime token; this variant never sends it.",
      loadedBy: "runtime",
      status: "killed",
      reason: "killed by local-token-handoff (runtime-token, device-identity, resolve, requester-decision)",
      applied: { locator: 1, file: "operator-approvals-client-DHtvPmtr.mjs" },
      counts: [{ locator: 1, matches: 1 }],
      scenarios: [{ id: "local-token-handoff", status: "failed", meant: ["runtime-token", "resolve", "requester-decision"], failed: ["runtime-token", "device-identity", "resolve", "requester-decision"], deciding: "token absent, device present, refused by no-runtime-authority (APPROVAL_NOT_FOUND), requester got deny", timedOut: false, baseline: "passed" }],
    },
    {
      id: "locality-ignored",
      reverts: "Runtime authority is for local peers only; this gateway trusts a remote peer that presents the derived token.",
      loadedBy: "gateway",
      status: "survived",
      reason: "survived: remote-paired-device-locality not in this run",
      applied: { locator: 1, file: "message-handler-D5c0StBB.mjs" },
      counts: [{ locator: 1, matches: 1 }],
      scenarios: [{ id: "remote-paired-device-locality", status: "not-selected", meant: ["resolve"], failed: [], deciding: "not in this run's scenario set", timedOut: false, baseline: "not-run" }],
    },
  ];
  return {
    target: { spec: "2026.9.6", version: "2026.9.6" },
    mutants,
    score: { killed: 1, timeout: 0, survived: 1, notApplicable: 0, percent: 50 },
    break: null,
    unfailed: [],
    gateways: [{ sandboxProfile: "shared-socket-token", readyMs: 11_240, readyAttempts: 8, peakRssBytes: 968_114_176, exit: { code: 0, signal: null, by: "harness" }, stopMs: 380, logFile: "gateway-strength-shared-socket-token.log" }],
    builds: { made: 1, files: 12_236, copied: 0, removed: true },
    wallMs: 17_480,
  };
}

export const SAMPLES = {
  "smoke-pass": smokePassReport,
  "smoke-fail": smokeFailReport,
  proof: proofReport,
} as const;

export const FIXTURE_DIR = new URL("../../fixtures/reports/", import.meta.url);

if (import.meta.main && process.argv.includes("--write")) {
  for (const [name, build] of Object.entries(SAMPLES)) {
    writeFileSync(new URL(`${name}.json`, FIXTURE_DIR), `${JSON.stringify(build(), null, 2)}\n`);
  }
}
