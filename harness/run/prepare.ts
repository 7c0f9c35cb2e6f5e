import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { spawnRuntime, type RuntimeHandle } from "../clients/runtime-process.ts";
import { runtimeInvocation, type RuntimeInvocation } from "../plan/client-setup.ts";
import type { ClientSpec, ScenarioDefinition } from "../plan/scenario-types.ts";
import type { Sandbox } from "../sandbox/sandbox.ts";
import { compileCacheEnv } from "../sandbox/layout.ts";
import { startTap, type Tap } from "../tap/tap.ts";
import { canRestorePriority, LOADING_NICE, setNice } from "../proc/priority.ts";
import type { Redactor, TargetRuntime } from "./context.ts";

/**
 * What is set up for a scenario before the gateway is ready: its tap, its client's invocation (derived once, here,
 * when the tap's doors are known, and carried to the spawner and the report), and its runtime process already loading.
 */
export interface PreparedScenario {
  tap: Tap;
  /** null for wire probes and for clients whose tap lives elsewhere (a network namespace's own). */
  invocation: RuntimeInvocation | null;
  runtime: RuntimeHandle | null;
}

export interface PrepareContext {
  gatewayUrl: string;
  sandbox: Sandbox;
  baseEnv: Record<string, string>;
  target: TargetRuntime;
  redactor: Redactor;
  signal: AbortSignal;
  trackPid(pid: number): void;
  trackPort(port: number): void;
}

/** The folder inside the sandbox where per-scenario client configs go (they hold the gateway token: mode 0600). */
export function scenarioConfigDir(sandbox: Sandbox): string {
  return join(sandbox.layout.root, "client-configs");
}

/** The invocation of a runtime client against the given tap doors. Writes the agent tool's config file if it has one. */
export async function prepareInvocation(client: ClientSpec, scenarioId: string, doors: Tap["doors"], sandbox: Sandbox): Promise<RuntimeInvocation | null> {
  if (client.kind !== "openclaw-runtime") return null;
  const inv = runtimeInvocation(client, { doors, gatewayToken: sandbox.secrets.gatewayToken, unsharedHome: sandbox.layout.unsharedHome, configDir: scenarioConfigDir(sandbox), scenarioId });
  if (inv.configFile) {
    await mkdir(dirname(inv.configFile), { recursive: true, mode: 0o700 });
    await writeFile(inv.configFile, `${JSON.stringify(inv.cfg, null, 2)}\n`, { mode: 0o600 });
  }
  return inv;
}

/**
 * Start the scenario's tap and, for an OpenClaw runtime client without isolation, spawn its process now:
 * it loads OpenClaw's client (which reads nothing from the home) while the gateway starts.
 * Isolated clients are spawned later, once the sandbox is as a user would have shared it.
 */
export async function prepareScenario(s: ScenarioDefinition, c: PrepareContext, spawnAhead = true): Promise<PreparedScenario> {
  const tap = await startTap({ upstreamUrl: c.gatewayUrl, derivedToken: c.sandbox.derivedToken });
  for (const d of Object.values(tap.doors)) c.trackPort(d.port);
  try {
    const inNetns = s.client.kind !== "compose-sidecar" && s.client.network === "netns";
    const invocation = inNetns ? null : await prepareInvocation(s.client, s.id, tap.doors, c.sandbox);
    if (!spawnAhead || s.client.kind !== "openclaw-runtime" || s.client.isolation || inNetns || !invocation) return { tap, invocation, runtime: null };
    return { tap, invocation, runtime: spawnTrackedRuntime(c, invocation) };
  } catch (err) {
    await tap.close();
    throw err;
  }
}

/**
 * Priority of a prepared runtime process (see proc/priority.ts): lowest while the gateway starts, normal once it
 * is ready. Only where it can be given back, and only while it runs; a process prepared against a ready gateway is
 * never lowered.
 */
export function setPreparedPriority(p: PreparedScenario, phase: "gateway-starting" | "gateway-ready"): void {
  setLoadingPriority(p.runtime, phase);
}

/** The same for one runtime process spawned ahead of a gateway's start (the lifecycle lane's, too). */
export function setLoadingPriority(runtime: RuntimeHandle | null, phase: "gateway-starting" | "gateway-ready"): void {
  if (runtime?.pid && runtime.running() && canRestorePriority()) setNice(runtime.pid, phase === "gateway-starting" ? LOADING_NICE : 0);
}

/** What spawning a scenario's runtime process needs; both the prepare and the gateway context have it. */
export type RuntimeSpawnContext = Pick<PrepareContext, "sandbox" | "baseEnv" | "target" | "redactor" | "signal" | "trackPid">;

/** Spawn the approval-runtime process in the sandbox with the route's env (and a wrapper), and track its PID. */
export function spawnTrackedRuntime(c: RuntimeSpawnContext, inv: Pick<RuntimeInvocation, "env" | "api">, wrapper?: string[], extraEnv: Record<string, string> = {}): RuntimeHandle {
  const runtime = spawnRuntime({
    nodePath: c.target.nodePath,
    openclawDir: c.target.openclawDir,
    api: inv.api.call,
    cwd: c.sandbox.layout.home,
    env: { ...c.baseEnv, ...compileCacheEnv(c.sandbox.layout, "runtime", c.sandbox.compileCached), ...inv.env, ...extraEnv },
    redact: (t) => c.redactor.text(t),
    cancelSignal: c.signal,
    ...(wrapper ? { wrapper } : {}),
  });
  if (runtime.pid !== null) c.trackPid(runtime.pid);
  return runtime;
}

/** Release what a scenario prepared but did not use. */
export async function releasePrepared(p: PreparedScenario): Promise<void> {
  await p.runtime?.discard().catch(() => undefined);
  await p.tap.close();
}
