import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import type { IsolationEvidence, RuntimeOutcome, WireConnection } from "../evidence/types.ts";
import { runInNetns } from "./netns-step.ts";
import type { RuntimeHandle } from "../clients/runtime-process.ts";
import { spawnTrackedRuntime } from "./prepare.ts";
import { isolationWrapper } from "../isolation/argv.ts";
import { processNamespaces } from "../isolation/namespaces.ts";
import { OTHER_USER, shareWithGroup } from "../isolation/share.ts";
import { runtimeInvocation } from "../plan/client-setup.ts";
import type { ClientSpec, RuntimeClientSpec } from "../plan/scenario-types.ts";
import type { GatewayContext } from "./context.ts";
import { runProbe } from "./probe.ts";

export interface ClientStepResult {
  runtime: RuntimeOutcome;
  isolation: IsolationEvidence | null;
  /** Wire records made elsewhere than the scenario's host tap (the namespace tap), replacing its own. */
  wire?: WireConnection[];
  note?: string;
}

export interface ClientStepInput {
  tapUrl: string;
  tapPort: number;
  approvalId: string;
  decision: string;
  ctx: GatewayContext;
  /** The runtime process spawned while the gateway started, if any. */
  prepared: RuntimeHandle | null;
}

/** Run the scenario's client once against its tap: OpenClaw's own runtime process, or a wire probe. */
export async function runClientStep(spec: ClientSpec, p: ClientStepInput): Promise<ClientStepResult> {
  if (spec.kind === "wire-probe") return { runtime: await runProbe(spec, p), isolation: null };
  const { ctx } = p;
  if (spec.network === "netns") return runInNetns(spec, p).then((r) => ({ runtime: r.runtime, isolation: null, wire: r.wire, note: r.note }));
  const inv = runtimeInvocation(spec.route, { tapUrl: p.tapUrl, tapPort: p.tapPort, gatewayToken: ctx.sandbox.secrets.gatewayToken, unsharedHome: ctx.sandbox.layout.unsharedHome }, spec.home);
  const marker = `approval-runtime-smoke-marker-${randomBytes(6).toString("hex")}`;
  const handle = p.prepared ?? (await spawnIsolated(spec, inv.env, marker, ctx));
  const { outcome, extras } = await handle.resolve({ cfg: inv.cfg, gatewayUrl: inv.gatewayUrl, approvalId: p.approvalId, decision: p.decision }, ctx.timeouts.runtimeProcessMs);
  if (!spec.isolation) return { runtime: outcome, isolation: null };
  const hostMarker = `/tmp/${marker}`;
  const visible = existsSync(hostMarker);
  if (visible) rmSync(hostMarker, { force: true });
  const gateway = await processNamespaces(ctx.gateway.pid);
  const rt = extras.isolation;
  return {
    runtime: outcome,
    isolation: {
      gateway,
      runtime: rt ? { ns: rt.ns, uid: rt.uid, gid: rt.gid, hostname: rt.hostname } : null,
      hostTmpMarkerVisible: rt?.markerWritten ? visible : null,
      filesNeeded: extras.filesTouched ?? [],
    },
  };
}

/** Spawn the runtime behind namespaces (and as another user), after sharing the sandbox as a user would. */
async function spawnIsolated(spec: RuntimeClientSpec, routeEnv: Record<string, string>, marker: string, ctx: GatewayContext): Promise<RuntimeHandle> {
  const iso = spec.isolation;
  // Only isolated clients reach here: the others were spawned while the gateway started (prepare.ts).
  if (!iso) throw new Error(`${spec.route}: a runtime client without isolation should have been prepared`);
  if (iso.otherUser) await shareWithGroup(ctx.sandbox.layout.root, OTHER_USER.gid);
  const wrapper = isolationWrapper(iso, {
    sandboxRoot: ctx.sandbox.layout.root,
    hostname: "smoke-runtime",
    uid: iso.otherUser ? OTHER_USER.uid : null,
    gid: iso.otherUser ? OTHER_USER.gid : null,
  });
  return spawnTrackedRuntime(ctx, { ...routeEnv, SMOKE_ISOLATION_MARKER: marker, SMOKE_TRACE_FILES: "1" }, wrapper);
}
