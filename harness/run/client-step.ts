import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { realpath } from "node:fs/promises";
import { dirname } from "node:path";
import { runInNetns } from "./netns-step.ts";
import type { RuntimeHandle } from "../clients/runtime-process.ts";
import { runtimeInput, type ClientStepInput, type ClientStepResult } from "./client-input.ts";
import { spawnTrackedRuntime } from "./prepare.ts";
import { isolationWrapper, outermostNodeModules, visibleUnderTmp } from "../isolation/argv.ts";
import { RUNTIME_CHILD } from "../clients/runtime-process.ts";
import { processNamespaces } from "../isolation/namespaces.ts";
import { OTHER_USER, shareWithGroup } from "../isolation/share.ts";
import type { RuntimeInvocation } from "../plan/client-setup.ts";
import type { ClientSpec, RuntimeClientSpec } from "../plan/scenario-types.ts";
import type { GatewayContext } from "./context.ts";
import { runProbe } from "./probe.ts";
import { tokenDerivation } from "../clients/runtime-outcome.ts";
import { fingerprint } from "../wire/token.ts";
import { recordCpu } from "../proc/cpu-samples.ts";

/** Run the scenario's client once against its tap: OpenClaw's own runtime process, or a wire probe. */
export async function runClientStep(spec: ClientSpec, p: ClientStepInput): Promise<ClientStepResult> {
  if (spec.kind === "wire-probe") return runProbe(spec, p);
  if (spec.kind === "compose-sidecar") throw new Error(`${p.scenarioId}: a Compose sidecar runs in the Compose lane (compose/lane.ts), not against a process gateway`);
  const { ctx } = p;
  if (spec.network === "netns") return runInNetns(spec, p);
  const inv = p.invocation;
  if (!inv) throw new Error(`${spec.route}: no invocation was prepared for this runtime client`);
  const marker = `approval-runtime-smoke-marker-${randomBytes(6).toString("hex")}`;
  const visible = spec.isolation ? await isolatedVisiblePaths(ctx) : [];
  const handle = p.prepared ?? (spec.isolation ? await spawnIsolated(spec, inv, marker, ctx, visible) : spawnTrackedRuntime(ctx, inv));
  const running = handle.resolve(runtimeInput(inv, p), ctx.timeouts.runtimeProcessMs);
  p.onStarted?.();
  const { outcome: parsed, extras } = await running;
  if (extras.cpuMs !== null) recordCpu("runtime process", extras.cpuMs);
  const derivation = tokenDerivation(extras.tokenDerivations, fingerprint(ctx.sandbox.derivedToken));
  const outcome = derivation ? { ...parsed, tokenDerivation: derivation } : parsed;
  if (!spec.isolation) return { runtime: outcome, isolation: null };
  const hostMarker = `/tmp/${marker}`;
  const markerVisible = existsSync(hostMarker);
  if (markerVisible) rmSync(hostMarker, { force: true });
  const gateway = await processNamespaces(ctx.gateway.pid);
  const rt = extras.isolation;
  return {
    runtime: outcome,
    isolation: {
      gateway,
      runtime: rt ? { ns: rt.ns, uid: rt.uid, gid: rt.gid, hostname: rt.hostname } : null,
      hostTmpMarkerVisible: rt?.markerWritten ? markerVisible : null,
      filesNeeded: [...visible.map((v) => `${v} (made visible read-only inside the private /tmp)`), ...(extras.filesTouched ?? [])],
    },
  };
}

/**
 * What the isolated runtime needs from the host that its private /tmp would hide: its own script, the Node runtime,
 * the target with its dependencies, and the compile cache, wherever they live (real paths, links resolved).
 */
async function isolatedVisiblePaths(ctx: GatewayContext): Promise<string[]> {
  const real = (p: string): Promise<string | null> => realpath(p).catch(() => null);
  const node = await real(ctx.target.nodePath);
  const target = await real(ctx.target.openclawDir);
  const cache = ctx.sandbox.compileCached ? await real(ctx.sandbox.layout.compileCacheLink) : null;
  const needed = [dirname(RUNTIME_CHILD), node ? outermostNodeModules(dirname(node)) : null, target ? outermostNodeModules(target) : null, cache].filter((p): p is string => p !== null);
  return visibleUnderTmp(needed, ctx.sandbox.layout.root);
}

/** Spawn the runtime behind namespaces (and as another user), after sharing the sandbox as a user would. */
async function spawnIsolated(spec: RuntimeClientSpec, inv: RuntimeInvocation, marker: string, ctx: GatewayContext, readOnly: string[]): Promise<RuntimeHandle> {
  const iso = spec.isolation;
  if (!iso) throw new Error(`${spec.route}: not an isolated runtime client`);
  if (iso.otherUser && iso.shareHome !== false) await shareWithGroup(ctx.sandbox.layout.root, OTHER_USER.gid);
  const wrapper = isolationWrapper(iso, {
    sandboxRoot: ctx.sandbox.layout.root,
    hostname: "smoke-runtime",
    uid: iso.otherUser ? OTHER_USER.uid : null,
    gid: iso.otherUser ? OTHER_USER.gid : null,
    readOnly,
  });
  return spawnTrackedRuntime(ctx, inv, wrapper, { SMOKE_ISOLATION_MARKER: marker, SMOKE_TRACE_FILES: "1" });
}
