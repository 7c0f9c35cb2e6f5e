import { wireFindings } from "../judge/wire-findings.ts";
import { knownFindingLine, observedKnownFinding } from "../judge/known-finding.ts";
import type { Observations, RequesterObservation, ScenarioResult, WireConnection } from "../evidence/types.ts";
import { createRequesterApproval, runtimeRequestParams, type Requester } from "../clients/requester.ts";
import { checkAndSettle, decideRuntimeRequest } from "../clients/control.ts";
import { readStateIdentity } from "../clients/state-identity.ts";
import { readSocketTokenStore } from "../clients/socket-token-store.ts";
import { judge, scenarioStatus } from "../judge/evaluate.ts";
import type { ScenarioDefinition } from "../plan/scenario-types.ts";
import { releasePrepared, type PreparedScenario } from "./prepare.ts";
import type { GatewayContext } from "./context.ts";
import { runClientStep } from "./client-step.ts";
import { setupRecord } from "./setup-record.ts";
import { buildRequirement, hostRequirement } from "./requirements.ts";
import { timed } from "./phases.ts";

export function emptyObservations(): Observations {
  return { wire: [], runtime: null, control: null, requester: null, stateIdentity: null, isolation: null, socketTokenStore: null, compose: null };
}

/** The decision the admin client makes on an approval the runtime process requested itself. */
const ADMIN_DECISION = "allow-once";

/** Run one declared scenario against a ready gateway and judge it. Never throws: failures become findings. */
export async function runScenario(s: ScenarioDefinition, ctx: GatewayContext, prepared: PreparedScenario): Promise<ScenarioResult> {
  const skip = await hostRequirement(s, ctx);
  const na = skip ? null : await buildRequirement(s, ctx);
  if (skip || na) {
    await releasePrepared(prepared);
    return unrun(s, skip ? "skipped" : "not-applicable", (skip ?? na) as string, setupRecord(s, ctx, prepared.invocation));
  }
  const started = Date.now();
  const obs = emptyObservations();
  const findings: string[] = [];
  const tap = prepared.tap;
  let invocation = prepared.invocation;
  let netnsWire: WireConnection[] | null = null;
  let requester: Requester | null = null;
  const watchStore = s.expectations.some((e) => e.id === "socket-token-store");
  try {
    if (ctx.faults.freezeTap === s.id) tap.freeze();
    const kind = s.approval ?? "exec";
    if (kind !== "none") {
      requester = await createRequesterApproval(ctx.gateway.url, ctx.sandbox.secrets.gatewayToken, s.id, ctx.timeouts.rpcMs, kind);
      ctx.redactor.add({ name: `requester-private-key:${s.id}`, value: requester.device.privateKeyPem });
    }
    const req: RequesterObservation | null = requester
      ? { approvalId: requester.approvalId, deviceId: requester.device.deviceId, accepted: true, requestError: null, finalDecision: null, finalSource: "none", dialect: requester.dialect }
      : null;
    obs.requester = req;
    if (ctx.faults.killGatewayDuring === s.id) await ctx.gateway.kill("SIGKILL");
    let finalAt: number | null = null;
    const final = requester
      ? requester.final.then((d) => {
          finalAt = Date.now();
          if (req) req.finalDecision = d;
          return d;
        })
      : Promise.resolve(null);
    const before = watchStore ? await readSocketTokenStore(ctx.sandbox.layout) : null;
    // The runtime process as requester: the admin client finds its approval, reads its requester, and decides it.
    let deciding: Promise<Observations["control"]> | null = null;
    const runtimeEnded = new AbortController();
    const step = await runClientStep(s.client, {
      scenarioId: s.id,
      tapUrl: tap.url,
      approvalId: requester?.approvalId ?? null,
      decision: s.decision,
      ctx,
      invocation,
      prepared: prepared.runtime,
      ...(kind === "none" ? { request: runtimeRequestParams(s.id), onStarted: () => void (deciding = decideRuntimeRequest(ctx.gateway.control, { url: ctx.gateway.url, token: ctx.sandbox.secrets.gatewayToken }, s.id, ADMIN_DECISION, ctx.timeouts.runtimeProcessMs, () => waitOpen(tap.connections()), runtimeEnded.signal)) } : {}),
    });
    runtimeEnded.abort();
    obs.runtime = step.runtime;
    obs.isolation = step.isolation;
    if (step.invocation) invocation = step.invocation;
    if (step.note) findings.push(step.note);
    if (step.wire) netnsWire = step.wire;
    if (obs.runtime.timedOut) findings.push(`approval-runtime process timed out after ${obs.runtime.wallMs} ms and was killed; ${obs.runtime.logTail ? `log tail:\n${obs.runtime.logTail}` : "it printed nothing"}`);
    if (before) obs.socketTokenStore = { before, after: await readSocketTokenStore(ctx.sandbox.layout) };
    if (deciding) {
      const decided = await (deciding as Promise<Observations["control"]>);
      // Pending after the runtime ended, as the admin client lists it (by the id the runtime's request returned); an
      // approval still pending is settled, so the gateway can stop.
      const id = obs.runtime.returned?.approvalId ?? null;
      const after = id ? await timed("control settle", () => checkAndSettle(ctx.gateway.control, id, ctx.timeouts.rpcMs)) : null;
      obs.control = decided && after ? { ...decided, pendingAfterRuntime: after.pendingAfterRuntime, settledWith: decided.settledWith ?? after.settledWith } : decided;
    }
    if (requester) {
      if (obs.runtime.ok) await waitFor(final, ctx.timeouts.requesterFinalMs, ctx.signal);
      const settleAt = Date.now();
      const approvalId = requester.approvalId;
      obs.control = await timed("control settle", () => checkAndSettle(ctx.gateway.control, approvalId, ctx.timeouts.rpcMs));
      await waitFor(final, ctx.timeouts.requesterFinalMs, ctx.signal);
      if (req) req.finalSource = req.finalDecision === null ? "none" : finalAt !== null && finalAt >= settleAt && obs.control.settledWith ? "control-settle" : "runtime";
    }
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
  const setup = setupRecord(s, ctx, invocation);
  const { expectations, refusals, deciding } = judge(s.expectations, obs, { doors: setup.doors });
  const cut = interruptedBy(ctx.signal);
  // Cut short by the user (a signal to the harness): what was seen is kept, but it is no verdict either way.
  const status = cut ? "not-run" : scenarioStatus(expectations);
  if (cut) findings.push(`interrupted (${cut}) while it ran: the observations above are partial and judge nothing`);
  if (s.findingWhenObserved && status === "passed") findings.push(s.findingWhenObserved);
  const known = cut ? null : observedKnownFinding(s.knownFinding, obs.runtime);
  if (known) findings.push(knownFindingLine(known));
  findings.push(...wireFindings(obs));
  if (obs.isolation?.filesNeeded.length) findings.push(`files under OPENCLAW_HOME the runtime process touched: ${obs.isolation.filesNeeded.join(", ")}`);
  return {
    id: s.id,
    claim: s.claim,
    status,
    skipReason: cut ? `interrupted (${cut}) while it ran` : null,
    setup,
    observations: obs,
    expectations,
    refusals,
    deciding,
    durationMs: Date.now() - started,
    findings,
    ...(known ? { knownFinding: known } : {}),
  };
}

/** The signal the harness received, when that is why the scenario's waits were aborted (not a gateway that died). Pure. */
export function interruptedBy(signal: AbortSignal): string | null {
  const reason = signal.aborted ? String(signal.reason) : "";
  return /^SIG[A-Z]+$/.test(reason) ? reason : null;
}

/** The runtime has sent a waitDecision that the gateway has not answered yet. Pure. */
function waitOpen(wire: readonly WireConnection[]): boolean {
  return wire.some((w) => w.rpcs.some((r) => r.method.endsWith("approval.waitDecision") && r.ok === null));
}

export async function waitFor(p: Promise<unknown>, ms: number, signal?: AbortSignal): Promise<void> {
  let t: NodeJS.Timeout | undefined;
  const aborted = new Promise((r) => signal?.addEventListener("abort", r, { once: true }));
  await Promise.race([p, new Promise((r) => (t = setTimeout(r, ms))), aborted]);
  clearTimeout(t);
}

export function unrun(s: ScenarioDefinition, status: "skipped" | "not-applicable", reason: string, setup: ScenarioResult["setup"]): ScenarioResult {
  return { id: s.id, claim: s.claim, status, skipReason: reason, setup, observations: emptyObservations(), expectations: [], refusals: [], deciding: `${status}: ${reason}`, durationMs: null, findings: [] };
}

/** A scenario its group never ran (the group failed or the run was interrupted first), with the reason. */
export function notRun(s: ScenarioDefinition, reason: string): ScenarioResult {
  return {
    id: s.id,
    claim: s.claim,
    status: "not-run",
    skipReason: reason,
    setup: { client: s.client.kind, description: "", config: null, env: {}, gatewayUrlArg: null, sandboxProfile: s.sandbox, doors: [] },
    observations: emptyObservations(),
    expectations: [],
    refusals: [],
    deciding: reason,
    durationMs: null,
    findings: [],
  };
}
