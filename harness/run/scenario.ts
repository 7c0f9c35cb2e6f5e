import type { Observations, RequesterObservation, ScenarioResult, WireConnection } from "../evidence/types.ts";
import { createRequesterApproval, type Requester } from "../clients/requester.ts";
import { checkAndSettle } from "../clients/control.ts";
import { readStateIdentity } from "../clients/state-identity.ts";
import { decidingObservation, evaluate, scenarioStatus } from "../judge/evaluate.ts";
import { describeRoute, runtimeInvocation } from "../plan/client-setup.ts";
import type { ScenarioDefinition } from "../plan/scenario-types.ts";
import { releasePrepared, type PreparedScenario } from "./prepare.ts";
import type { GatewayContext } from "./context.ts";
import { runClientStep } from "./client-step.ts";
import { isolationSupport } from "../isolation/support.ts";
import { netnsUnsupportedReason } from "../netns/netns.ts";

export function emptyObservations(): Observations {
  return { wire: [], runtime: null, control: null, requester: null, stateIdentity: null, isolation: null };
}

/** Run one declared scenario against a ready gateway and judge it. Never throws: failures become findings. */
export async function runScenario(s: ScenarioDefinition, ctx: GatewayContext, prepared: PreparedScenario): Promise<ScenarioResult> {
  const skip = await unmetRequirement(s);
  if (skip) {
    await releasePrepared(prepared);
    return skipped(s, skip, setupRecord(s, ctx));
  }
  const started = Date.now();
  const obs = emptyObservations();
  const findings: string[] = [];
  const setup = setupRecord(s, ctx);
  const tap = prepared.tap;
  let netnsWire: WireConnection[] | null = null;
  let requester: Requester | null = null;
  try {
    if (ctx.faults.freezeTap === s.id) tap.freeze();
    requester = await createRequesterApproval(ctx.gateway.url, ctx.sandbox.secrets.gatewayToken, s.id, ctx.timeouts.rpcMs);
    const req: RequesterObservation = { approvalId: requester.approvalId, deviceId: requester.device.deviceId, accepted: true, requestError: null, finalDecision: null, finalSource: "none" };
    obs.requester = req;
    ctx.redactor.add({ name: `requester-private-key:${s.id}`, value: requester.device.privateKeyPem });
    if (ctx.faults.killGatewayDuring === s.id) await ctx.gateway.kill("SIGKILL");
    let finalAt: number | null = null;
    const final = requester.final.then((d) => {
      finalAt = Date.now();
      req.finalDecision = d;
      return d;
    });

    const step = await runClientStep(s.client, { tapUrl: tap.url, tapPort: tap.port, approvalId: requester.approvalId, decision: s.decision, ctx, prepared: prepared.runtime });
    obs.runtime = step.runtime;
    obs.isolation = step.isolation;
    if (step.note) findings.push(step.note);
    if (step.wire) netnsWire = step.wire;
    if (obs.runtime.timedOut) findings.push(`approval-runtime process timed out after ${obs.runtime.wallMs} ms and was killed; ${obs.runtime.logTail ? `log tail:\n${obs.runtime.logTail}` : "it printed nothing"}`);
    if (obs.runtime.ok) await waitFor(final, ctx.timeouts.requesterFinalMs, ctx.signal);
    const settleAt = Date.now();
    obs.control = await checkAndSettle(ctx.gateway.control, requester.approvalId, ctx.timeouts.rpcMs);
    await waitFor(final, ctx.timeouts.requesterFinalMs, ctx.signal);
    req.finalSource = req.finalDecision === null ? "none" : finalAt !== null && finalAt >= settleAt && obs.control.settledWith ? "control-settle" : "runtime";
    obs.stateIdentity = await readStateIdentity(ctx.sandbox.layout);
  } catch (err) {
    findings.push(`${s.id} could not complete: ${ctx.redactor.text(err instanceof Error ? err.message : String(err))}`);
    if (requester && !obs.control) {
      obs.control = await checkAndSettle(ctx.gateway.control, requester.approvalId, ctx.timeouts.rpcMs).catch(() => null);
    }
  } finally {
    requester?.close();
    await prepared.runtime?.discard().catch(() => undefined);
    await tap.close();
    obs.wire = ctx.redactor.deep(netnsWire ?? tap.connections());
  }
  const gatewayExit = ctx.gateway.exit();
  if (gatewayExit) findings.push(`gateway exited during the scenario (code ${gatewayExit.code ?? "none"}, signal ${gatewayExit.signal ?? "none"})`);
  const expectations = evaluate(s.expectations, obs);
  const status = scenarioStatus(expectations);
  if (s.findingWhenObserved && status === "passed") findings.push(s.findingWhenObserved);
  if (obs.isolation?.filesNeeded.length) findings.push(`files under OPENCLAW_HOME the runtime process touched: ${obs.isolation.filesNeeded.join(", ")}`);
  return {
    id: s.id,
    claim: s.claim,
    status,
    skipReason: null,
    setup,
    observations: obs,
    expectations,
    deciding: decidingObservation(obs),
    durationMs: Date.now() - started,
    findings,
  };
}

async function waitFor(p: Promise<unknown>, ms: number, signal?: AbortSignal): Promise<void> {
  let t: NodeJS.Timeout | undefined;
  const aborted = new Promise((r) => signal?.addEventListener("abort", r, { once: true }));
  await Promise.race([p, new Promise((r) => (t = setTimeout(r, ms))), aborted]);
  clearTimeout(t);
}

function setupRecord(s: ScenarioDefinition, ctx: GatewayContext): ScenarioResult["setup"] {
  const root = ctx.sandbox.layout.root;
  const placeholder = { tapUrl: "ws://127.0.0.1:<tap>", tapPort: 0, gatewayToken: ctx.sandbox.secrets.gatewayToken, unsharedHome: ctx.sandbox.layout.unsharedHome };
  if (s.client.kind === "openclaw-runtime") {
    const inv = runtimeInvocation(s.client.route, placeholder, s.client.home);
    const env = Object.fromEntries(Object.entries({ ...ctx.baseEnv, ...inv.env }).map(([k, v]) => [k, v.split(root).join("$SANDBOX")]));
    return {
      client: s.client.isolation ? "openclaw-runtime (isolated)" : "openclaw-runtime",
      description: describeRoute(s.client.route, s.client.home),
      config: ctx.redactor.deep(inv.cfg),
      env: ctx.redactor.deep(env),
      gatewayUrlArg: inv.gatewayUrl,
      sandboxProfile: s.sandbox,
    };
  }
  return {
    client: "wire-probe",
    description: `harness wire client: approvalRuntimeToken=${s.client.token}, client ${s.client.clientId}/${s.client.clientMode}, scopes ${s.client.scopes.join(",")}`,
    config: { token: s.client.token, clientId: s.client.clientId, clientMode: s.client.clientMode, scopes: s.client.scopes },
    env: {},
    gatewayUrlArg: null,
    sandboxProfile: s.sandbox,
  };
}

/**
 * Why this host cannot run the scenario, or null. Never a pass: the caller reports it skipped. What a scenario
 * needs follows from its client (namespaces, a network namespace), so it is not declared separately.
 */
async function unmetRequirement(s: ScenarioDefinition): Promise<string | null> {
  if (s.client.kind === "openclaw-runtime" && s.client.isolation) {
    const sup = await isolationSupport();
    if (!sup.ok) return sup.reason;
  }
  if (s.client.kind === "openclaw-runtime" && s.client.network === "netns") return netnsUnsupportedReason();
  return null;
}

function skipped(s: ScenarioDefinition, reason: string, setup: ScenarioResult["setup"]): ScenarioResult {
  return { id: s.id, claim: s.claim, status: "skipped", skipReason: reason, setup, observations: emptyObservations(), expectations: [], deciding: `skipped: ${reason}`, durationMs: null, findings: [] };
}
