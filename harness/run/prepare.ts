import { spawnRuntime, type RuntimeHandle } from "../clients/runtime-process.ts";
import { runtimeInvocation } from "../plan/client-setup.ts";
import type { ScenarioDefinition } from "../plan/scenario-types.ts";
import type { Sandbox } from "../sandbox/sandbox.ts";
import { compileCacheEnv } from "../sandbox/layout.ts";
import { startTap, type Tap } from "../tap/tap.ts";
import { canRestorePriority, LOADING_NICE, setNice } from "../proc/priority.ts";
import type { Redactor, TargetRuntime } from "./context.ts";

/** What is set up for a scenario before the gateway is ready: its tap, and its runtime process already loading. */
export interface PreparedScenario {
  tap: Tap;
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

/**
 * Start the scenario's tap and, for an OpenClaw runtime client without isolation, spawn its process now:
 * it loads OpenClaw's client (which reads nothing from the home) while the gateway starts.
 * Isolated clients are spawned later, once the sandbox is as a user would have shared it.
 */
export async function prepareScenario(s: ScenarioDefinition, c: PrepareContext): Promise<PreparedScenario> {
  const tap = await startTap({ upstreamUrl: c.gatewayUrl, derivedToken: c.sandbox.derivedToken });
  c.trackPort(tap.port);
  if (s.client.kind !== "openclaw-runtime" || s.client.isolation || s.client.network) return { tap, runtime: null };
  const inv = runtimeInvocation(s.client.route, { tapUrl: tap.url, tapPort: tap.port, gatewayToken: c.sandbox.secrets.gatewayToken, unsharedHome: c.sandbox.layout.unsharedHome }, s.client.home);
  return { tap, runtime: spawnTrackedRuntime(c, inv.env) };
}

/**
 * Priority of a prepared runtime process (see proc/priority.ts): lowest while the gateway starts, normal once it
 * is ready. Only where it can be given back, and only while it runs; a process prepared against a ready gateway is
 * never lowered.
 */
export function setPreparedPriority(p: PreparedScenario, phase: "gateway-starting" | "gateway-ready"): void {
  if (p.runtime?.pid && p.runtime.running() && canRestorePriority()) setNice(p.runtime.pid, phase === "gateway-starting" ? LOADING_NICE : 0);
}

/** What spawning a scenario's runtime process needs; both the prepare and the gateway context have it. */
export type RuntimeSpawnContext = Pick<PrepareContext, "sandbox" | "baseEnv" | "target" | "redactor" | "signal" | "trackPid">;

/** Spawn the approval-runtime process in the sandbox with the route's env (and a wrapper), and track its PID. */
export function spawnTrackedRuntime(c: RuntimeSpawnContext, env: Record<string, string>, wrapper?: string[]): RuntimeHandle {
  const runtime = spawnRuntime({
    nodePath: c.target.nodePath,
    openclawDir: c.target.openclawDir,
    cwd: c.sandbox.layout.home,
    env: { ...c.baseEnv, ...compileCacheEnv(c.sandbox.layout, "runtime", c.sandbox.compileCached), ...env },
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
