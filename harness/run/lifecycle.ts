/**
 * The lifecycle lane: each lifecycle scenario (plan/lifecycle-types.ts) runs its steps, one after another, against a
 * gateway of its own whose home outlives its restarts. A resolve step is a fresh requester approval resolved by a new
 * approval-runtime process on the scenario's route, or by the harness's wire client holding the token derived before
 * the last rotation; its observations are its own, judged by the scenario judge. Gateway and store steps record what
 * they changed. Every gateway the restarts made is tracked and stopped; the sandbox goes at the end.
 */
import type { GatewayRecord, Observations, ScenarioResult, StepFacts, StepRecord } from "../evidence/types.ts";
import { createRequesterApproval, type Requester } from "../clients/requester.ts";
import { checkAndSettle } from "../clients/control.ts";
import { readSocketTokenStore } from "../clients/socket-token-store.ts";
import { heldRuntimeExpectations, judgeStep, lifecycleDeciding, scenarioExpectations } from "../judge/steps.ts";
import { spawnHeldRuntime, type HeldRuntime } from "../clients/held-runtime.ts";
import { compileCacheEnv } from "../sandbox/layout.ts";
import { removeSandboxLocks } from "../hygiene/locks.ts";
import type { LifecycleStep, ScenarioDefinition, WireProbeSpec } from "../plan/scenario-types.ts";
import { TAP_DOORS, type Tap } from "../tap/tap.ts";
import { pickStablePorts } from "../gateway/ports.ts";
import { listenerPid } from "../proc/listener.ts";
import { detectRestartSignal } from "../target/restart-signal.ts";
import { runtimeInput } from "./client-input.ts";
import type { GatewayContext } from "./context.ts";
import type { GroupRunOptions, GroupRunResult, Lane } from "./lane.ts";
import { openLifecycleHome, type LifecycleHome } from "./lifecycle-gateway.ts";
import { prepareInvocation, spawnTrackedRuntime } from "./prepare.ts";
import type { RuntimeHandle } from "../clients/runtime-process.ts";
import { editSocketTokenFile, openTap, rotateSocketToken, runtimeSpawnContext, spawnAhead, upgradeGateway, whileLoading } from "./lifecycle-processes.ts";
import { runProbe } from "./probe.ts";
import { emptyObservations, interruptedBy, notRun, unrun, waitFor } from "./scenario.ts";
import { setupRecord } from "./setup-record.ts";
import { NO_LOCKS } from "../hygiene/locks.ts";
import { timed } from "./phases.ts";
import { existsSync } from "node:fs";
import { scenarioBuilds, stepBuilds, storageMigrationProblem, type ScenarioBuilds } from "./lifecycle-builds.ts";
import { recordCpu } from "../proc/cpu-samples.ts";

/** The approval id a resolve step sends while no gateway runs (nothing could have created one). */
const NO_APPROVAL = "no-gateway-no-approval";

/** The held token: the harness's own client presents the derivation of the socket token from before the rotation. */
const HELD_TOKEN_PROBE: WireProbeSpec = { kind: "wire-probe", token: "derived", clientId: "gateway-client", clientMode: "backend", scopes: ["operator.approvals"] };

export const lifecycleLane: Lane = {
  name: "lifecycle",
  profiles: ["lifecycle"],
  async run(o: GroupRunOptions): Promise<GroupRunResult> {
    const gateways: GatewayRecord[] = [];
    const scenarios: ScenarioResult[] = [];
    // Read only for a scenario that restarts in place (a lifecycle group is one scenario: plan/plan.ts).
    const restart = o.group.scenarios.some(needsInPlaceRestart) ? await detectRestartSignal(o.target.openclawDir) : null;
    for (const s of o.group.scenarios) {
      if (o.signal.aborted) {
        scenarios.push(notRun(s, `not started: ${String(o.signal.reason)}`));
        continue;
      }
      const notHere = buildsProblem(s, o);
      if (notHere) {
        scenarios.push(unrun(s, "not-applicable", notHere, setupOfLifecycle(s)));
        continue;
      }
      if (needsInPlaceRestart(s) && restart && !restart.signal) {
        scenarios.push(unrun(s, "not-applicable", `this build has no in-place gateway restart: ${restart.evidence}`, setupOfLifecycle(s)));
        continue;
      }
      const st = o.progress.step(`${o.label}: ${s.id}`);
      const last = s === o.group.scenarios.at(-1);
      // Its teardown runs off the slot once the last scenario's steps are done (the group is one scenario: plan.ts).
      const r = await runLifecycleScenario(s, o, restart?.signal ?? null, last ? () => o.releaseSlot() : () => undefined);
      gateways.push(...r.gateways);
      scenarios.push(r.result);
      (r.result.status === "failed" ? st.fail : r.result.status === "passed" ? st.done : st.skip)(r.result.deciding);
    }
    return { gateways, scenarios, aborted: null, locks: NO_LOCKS };
  },
};

/** Why the scenario's builds cannot run it (the run holds no base build, or no storage migration lies between them), or null. */
function buildsProblem(s: ScenarioDefinition, o: GroupRunOptions): string | null {
  try {
    scenarioBuilds(s, o.target);
    return storageMigrationProblem(s, o.target);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function setupOfLifecycle(s: ScenarioDefinition): ScenarioResult["setup"] {
  const first = `${s.firstGateway ? `${s.firstGateway} gateway, ` : ""}${s.gatewayBeforeSteps === "stopped" ? "gateway stopped, " : ""}`;
  const name = (x: LifecycleStep): string =>
    x.do === "upgrade-gateway" ? `upgrade-gateway to ${x.to}` : x.do === "resolve" && x.build ? `resolve by ${x.build} ${x.by}` : x.do === "rotate-socket-token" && x.how === "edit-file" ? `rotate-socket-token by editing exec-approvals.json (${x.mode ?? "0600"})` : x.do;
  return { client: s.client.kind, description: `lifecycle: ${first}${(s.steps ?? []).map(name).join(", ")}`, config: null, env: {}, gatewayUrlArg: null, sandboxProfile: s.sandbox, doors: [] };
}

interface Run {
  s: ScenarioDefinition;
  o: GroupRunOptions;
  home: LifecycleHome;
  /** Closed while the gateway is stopped (nothing listens on the client's URL then), reopened on the same ports. */
  tap: Tap | null;
  /** The derivation the tap compares connects with (the rotated one after a rotation). */
  derived: string;
  /** The build's in-place restart signal (null: it has none). */
  restartSignal: NodeJS.Signals | null;
  /** The long-lived runtime process of the held-runtime steps, spawned at the first of them. */
  held: HeldRuntime | null;
  /** A runtime process spawned while a gateway started, for the resolve step right after that start. */
  ahead: RuntimeHandle | null;
  /** Which build the gateway and each client run (the upgrade group), or the target's only. */
  builds: ScenarioBuilds;
  ctx(): GatewayContext;
}

function needsInPlaceRestart(s: ScenarioDefinition): boolean {
  return s.steps?.some((x) => x.do === "restart-gateway" && x.how === "in-place") ?? false;
}

async function runLifecycleScenario(s: ScenarioDefinition, o: GroupRunOptions, restartSignal: NodeJS.Signals | null, beforeTeardown: () => void): Promise<{ result: ScenarioResult; gateways: GatewayRecord[] }> {
  const started = Date.now();
  const home = await openLifecycleHome(o, s.id);
  const steps: StepRecord[] = [];
  const findings: string[] = [];
  const run: Run = {
    s,
    o,
    home,
    tap: null,
    derived: home.sandbox.derivedToken,
    restartSignal,
    held: null,
    ahead: null,
    builds: scenarioBuilds(s, o.target),
    ctx: () => ({ sandbox: home.sandbox, gateway: home.gateway as NonNullable<LifecycleHome["gateway"]>, target: o.target, baseEnv: home.baseEnv, redactor: o.redactor, timeouts: o.timeouts, progress: o.progress, trackPid: o.trackPid, trackPort: o.trackPort, trackNetwork: o.trackNetwork, signal: o.signal, faults: o.faults }),
  };
  let setup = setupOfLifecycle(s);
  try {
    // The tap's doors keep their ports across every stop and start, drawn where no port-0 listener can take them.
    const ports = await pickStablePorts(TAP_DOORS.length);
    const doors = Object.fromEntries(TAP_DOORS.map((d, i) => [d, { port: ports[i] as number, url: `ws://127.0.0.1:${ports[i]}` }])) as Tap["doors"];
    for (const d of Object.values(doors)) o.trackPort(d.port);
    const inv = await prepareInvocation(s.client, s.id, doors, home.sandbox);
    // A build that imports the seeded exec-approvals.json only through doctor gets it before its first gateway, as a
    // user who upgraded to it runs it (2026.8.x to 2026.9.5).
    const first = run.builds.gateway;
    const legacyVia = (first ?? o.target).legacyApprovals.via;
    if (legacyVia === "doctor") await home.migrate(first ?? undefined);
    // A scenario whose gateway is stopped before its steps starts it in a step; its earlier steps find nothing
    // listening. Where the build's gateway is what imports the seeded exec-approvals.json (2026.9.x), a runtime before
    // any start meets the migration gate, which no home that has run before would show: one start and stop first.
    if (s.gatewayBeforeSteps === "stopped" && legacyVia === "gateway-start") {
      await home.start("legacy-import", first ?? undefined);
      await home.stop();
    }
    if (s.gatewayBeforeSteps !== "stopped") {
      run.ahead = spawnAhead(s.steps?.[0], home, o, inv, clientDir(run));
      run.tap = await openTap(await whileLoading(run.ahead, home.start(undefined, first ?? undefined)), run.derived, doors);
    }
    setup = { ...setupRecord(s, { sandbox: home.sandbox, baseEnv: home.baseEnv, redactor: o.redactor }, inv), description: setupOfLifecycle(s).description };
    for (const [i, step] of (s.steps ?? []).entries()) {
      if (o.signal.aborted) break;
      const rec = await timed("lifecycle step", () => runStep(run, step, i + 1, inv, doors, s.steps?.[i + 1]));
      steps.push(rec);
      if (rec.error && !home.gateway && step.do !== "stop-gateway") break;
    }
  } catch (err) {
    findings.push(`${s.id} could not complete: ${o.redactor.text(err instanceof Error ? err.message : String(err))}`);
  } finally {
    beforeTeardown();
    await run.held?.close().catch(() => undefined);
    await run.ahead?.discard().catch(() => undefined);
    await run.tap?.close();
    await home.stop().catch(() => undefined);
    await removeSandboxLocks(home.sandbox.layout);
    if (!o.keep) await home.sandbox.remove();
  }
  for (const [index, e] of heldRuntimeExpectations(steps)) steps.find((x) => x.index === index)?.expectations.push(e);
  const expectations = scenarioExpectations(steps);
  const declared = (s.steps ?? []).length;
  const complete = steps.length === declared && steps.every((x) => x.error === null);
  if (!complete) findings.push(`${steps.length} of ${declared} steps completed`);
  const cut = interruptedBy(o.signal);
  const status = cut ? "not-run" : complete && expectations.length > 0 && expectations.every((e) => e.pass) ? "passed" : "failed";
  const last = [...steps].reverse().find((x) => x.observations);
  return {
    gateways: home.records,
    result: {
      id: s.id,
      claim: s.claim,
      status,
      skipReason: cut ? `interrupted (${cut}) while it ran` : null,
      setup,
      observations: { ...(last?.observations ?? emptyObservations()), wire: steps.flatMap((x) => x.observations?.wire ?? []) },
      expectations,
      refusals: steps.flatMap((x) => x.refusals),
      deciding: steps.length ? lifecycleDeciding(steps) : (findings[0] ?? "no step ran"),
      durationMs: Date.now() - started,
      findings,
      steps,
    },
  };
}

/** The gateway's PID as the kernel says (the process listening on its port), and the store's socket tokens. */
async function facts(run: Run): Promise<Pick<StepFacts, "gatewayPidBefore" | "socketTokenBefore">> {
  return { gatewayPidBefore: await listenerPid(run.home.port), socketTokenBefore: await readSocketTokenStore(run.home.sandbox.layout) };
}

async function runStep(run: Run, step: LifecycleStep, index: number, inv: Awaited<ReturnType<typeof prepareInvocation>>, doors: Tap["doors"], next: LifecycleStep | undefined): Promise<StepRecord> {
  const started = Date.now();
  const base: StepRecord = { index, do: step.do, by: step.do === "resolve" ? step.by : null, durationMs: 0, observations: null, facts: null, expectations: [], refusals: [], deciding: "", error: null };
  const p = run.o.progress.step(`${run.o.label}: ${run.s.id}: step ${index} ${step.do}${step.do === "resolve" ? ` by ${step.by}` : ""}`);
  // Whether the home holds exec-approvals.json as the step begins: a database-era client stops at its gate then.
  const homeFile = step.do === "resolve" && existsSync(run.home.sandbox.layout.execApprovalsPath);
  try {
    if (step.do === "resolve") {
      base.observations = (await resolveStep(run, step, index, inv)).observations;
    } else {
      const before = await facts(run);
      // A start is where the next step's runtime process loads (at the lowest priority until the gateway is ready).
      const starts = step.do === "restart-gateway" || step.do === "start-gateway" || step.do === "upgrade-gateway";
      if (starts) run.ahead = spawnAhead(next, run.home, run.o, inv, clientDir(run));
      const gatewayBuild = run.builds.gateway ?? undefined;
      if (step.do === "restart-gateway" && step.how === "in-place") {
        if (!run.restartSignal) throw new Error("this build has no in-place restart signal");
        await whileLoading(run.ahead, run.home.restartInPlace(run.restartSignal));
      } else if (step.do === "restart-gateway") {
        await run.home.stop();
        await whileLoading(run.ahead, run.home.start(undefined, gatewayBuild));
      } else if (step.do === "upgrade-gateway") {
        await upgradeGateway(run.home, run.builds, step.to, run.ahead);
      } else if (step.do === "stop-gateway") {
        await run.home.stop();
        await run.tap?.close();
        run.tap = null;
      } else if (step.do === "start-gateway") {
        run.tap = await openTap(await whileLoading(run.ahead, run.home.start(undefined, gatewayBuild)), run.derived, doors);
      } else if (step.how === "edit-file") {
        run.derived = await editSocketTokenFile(run.o, run.home, step.mode === "0644" ? 0o644 : 0o600);
        run.tap?.setDerivedToken(run.derived);
      } else {
        run.derived = await rotateSocketToken(run.o, run.home, gatewayBuild?.openclawDir);
        run.tap?.setDerivedToken(run.derived);
      }
      base.facts = { ...before, gatewayPidAfter: await listenerPid(run.home.port), socketTokenAfter: await readSocketTokenStore(run.home.sandbox.layout) };
    }
    const builds = stepBuilds(run.builds, step);
    if (builds) base.builds = step.do === "resolve" ? { ...builds, homeFile } : builds;
    Object.assign(base, judgeStep(step, index, base, inv?.doors ?? []));
  } catch (err) {
    base.error = run.o.redactor.text(err instanceof Error ? (err.message.split("\n")[0] ?? err.message) : String(err));
    base.deciding = base.error;
  }
  base.durationMs = Date.now() - started;
  const ok = base.error === null && base.expectations.every((e) => e.pass);
  (ok ? p.done : p.fail)(base.deciding);
  return base;
}

/** A fresh approval (when a gateway runs), resolved by a new runtime process or by the held token; then settled. */
async function resolveStep(run: Run, step: Extract<LifecycleStep, { do: "resolve" }>, index: number, inv: Awaited<ReturnType<typeof prepareInvocation>>): Promise<{ observations: Observations }> {
  const { o, home, tap } = run;
  const by = step.by;
  const clientBuild = run.builds.client(step)?.openclawDir ?? null;
  const obs = emptyObservations();
  const mark = tap?.connections().length ?? 0;
  let requester: Requester | null = null;
  try {
    const g = home.gateway;
    if (g) {
      requester = await createRequesterApproval(g.url, home.sandbox.secrets.gatewayToken, `${run.s.id}-${index}`, o.timeouts.rpcMs, "exec");
      o.redactor.add({ name: `requester-private-key:${run.s.id}:${index}`, value: requester.device.privateKeyPem });
      obs.requester = { approvalId: requester.approvalId, deviceId: requester.device.deviceId, accepted: true, requestError: null, finalDecision: null, finalSource: "none", dialect: requester.dialect };
    }
    const approvalId = requester?.approvalId ?? NO_APPROVAL;
    // Whether the runtime left the store as it found it (a client of another release may write its own file).
    const storeBefore = step.expectations.some((e) => e.id === "socket-token-store") ? await readSocketTokenStore(home.sandbox.layout) : null;
    let finalAt: number | null = null;
    const final = requester ? requester.final.then((d) => ((finalAt = Date.now()), obs.requester && (obs.requester.finalDecision = d), d)) : Promise.resolve(null);
    if (by === "held-token") {
      if (!tap) throw new Error("a held token is presented to a running gateway");
      const step = await runProbe(HELD_TOKEN_PROBE, { tapUrl: tap.url, approvalId, decision: run.s.decision, ctx: run.ctx() });
      obs.runtime = step.runtime;
    } else if (by === "held-runtime") {
      if (!inv) throw new Error("a lifecycle scenario's client must be an OpenClaw runtime");
      run.held ??= heldRuntime(run, inv, clientBuild ?? o.target.openclawDir);
      obs.runtime = (await run.held.resolve(runtimeInput(inv, { approvalId, decision: run.s.decision, ctx: run.ctx() }), o.timeouts.runtimeProcessMs)).outcome;
    } else {
      if (!inv) throw new Error("a lifecycle scenario's client must be an OpenClaw runtime");
      const handle = run.ahead ?? spawnTrackedRuntime(runtimeSpawnContext(home, o, clientBuild), inv);
      run.ahead = null;
      const { outcome, extras } = await handle.resolve(runtimeInput(inv, { approvalId, decision: run.s.decision, ctx: run.ctx() }), o.timeouts.runtimeProcessMs);
      if (extras.cpuMs !== null) recordCpu("runtime process", extras.cpuMs);
      obs.runtime = outcome;
    }
    if (storeBefore) obs.socketTokenStore = { before: storeBefore, after: await readSocketTokenStore(home.sandbox.layout) };
    if (requester && home.gateway) {
      if (obs.runtime.ok) await waitFor(final, o.timeouts.requesterFinalMs, o.signal);
      const settleAt = Date.now();
      obs.control = await checkAndSettle(home.gateway.control, requester.approvalId, o.timeouts.rpcMs);
      await waitFor(final, o.timeouts.requesterFinalMs, o.signal);
      if (obs.requester) obs.requester.finalSource = obs.requester.finalDecision === null ? "none" : finalAt !== null && finalAt >= settleAt && obs.control.settledWith ? "control-settle" : "runtime";
    }
  } finally {
    requester?.close();
  }
  // With the gateway stopped no tap listens either: the runtime's own outcome is all there is to observe.
  obs.wire = o.redactor.deep(tap?.connections().slice(mark) ?? []);
  return { observations: obs };
}

/** The scenario's long-lived runtime process, with the environment a new runtime process on its route gets. */
function heldRuntime(run: Run, inv: NonNullable<Awaited<ReturnType<typeof prepareInvocation>>>, openclawDir: string): HeldRuntime {
  const { o, home } = run;
  const held = spawnHeldRuntime({
    nodePath: o.target.nodePath,
    openclawDir,
    api: inv.api.call,
    cwd: home.sandbox.layout.home,
    env: { ...home.baseEnv, ...compileCacheEnv(home.sandbox.layout, "runtime", home.sandbox.compileCached), ...inv.env },
    redact: (t) => o.redactor.text(t),
    cancelSignal: o.signal,
  });
  if (held.pid !== null) o.trackPid(held.pid);
  return held;
}

/** The build each resolve step's runtime process loads, as a directory (null: the target's). */
function clientDir(run: Run): (step: Extract<LifecycleStep, { do: "resolve" }>) => string | null {
  return (step) => run.builds.client(step)?.openclawDir ?? null;
}

