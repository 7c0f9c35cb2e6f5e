import { dirname, join } from "node:path";
import type { GatewayRecord, ScenarioResult } from "../evidence/types.ts";
import { StepError } from "../errors.ts";
import { startGateway, type RunningGateway } from "../gateway/gateway.ts";
import { pickGatewayPort } from "../gateway/ports.ts";
import { endPhase, timed } from "./phases.ts";
import type { GatewayGroup, Timeouts } from "../plan/plan.ts";
import type { ScenarioDefinition } from "../plan/scenario-types.ts";
import { childBaseEnv } from "../sandbox/layout.ts";
import { createSandbox } from "../sandbox/sandbox.ts";
import { gatewayBind } from "../sandbox/files.ts";
import type { Progress } from "../ui/progress.ts";
import type { NetworkResource } from "../hygiene/checks.ts";
import type { Faults, Redactor, TargetRuntime } from "./context.ts";
import { mapLimit } from "./limit.ts";
import { NO_LOCKS, removeSandboxLocks, type RunLocks } from "./locks.ts";
import { emptyObservations, runScenario } from "./scenario.ts";
import { applyPositiveControls } from "../judge/controls.ts";
import { prepareScenario, releasePrepared, setPreparedPriority, type PreparedScenario } from "./prepare.ts";
import { prepareAll } from "./prepare-all.ts";
import { runDoctorFix } from "../sandbox/doctor-fix.ts";
import { runComposeGroup } from "../compose/lane.ts";

export interface GroupRunOptions {
  label: string; // e.g. "head" or "single"
  group: GatewayGroup;
  target: TargetRuntime;
  redactor: Redactor;
  timeouts: Timeouts;
  progress: Progress;
  reportFolder: string;
  keep: boolean;
  concurrency: number;
  compileCacheDir: string | null;
  signal: AbortSignal;
  trackPid(pid: number): void;
  trackPort(port: number): void;
  trackSandbox(root: string): void;
  trackNetwork(created: NetworkResource[]): void;
  /** Registers a run whose Docker objects (labelled with its id) teardown and hygiene must account for. */
  trackCompose?(runId: string): void;
  /** Fault injection hook for tests: called once the gateway is ready. */
  onGatewayReady?: (g: RunningGateway) => void;
  faults: Faults;
}

export interface GroupRunResult {
  /** One per gateway the group started (the Compose lane starts one per topology). */
  gateways: GatewayRecord[];
  scenarios: ScenarioResult[];
  aborted: string | null;
  locks: RunLocks;
}

/** A group that failed: the failure, and the record of the gateway it started (its log file, exit, stop), kept in the report. */
export class GroupFailed extends Error {
  readonly failure: unknown;
  readonly gateway: GatewayRecord;
  constructor(failure: unknown, gateway: GatewayRecord) {
    super(failure instanceof Error ? failure.message : String(failure));
    this.name = "GroupFailed";
    this.failure = failure;
    this.gateway = gateway;
  }
}

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

/** One sandbox, one real gateway, the group's scenarios; always tears down what it started. */
export async function runGroup(o: GroupRunOptions): Promise<GroupRunResult> {
  if (o.group.profile === "compose") return { ...(await runComposeGroup(o)), locks: NO_LOCKS };
  const sandbox = await timed("sandbox", () => createSandbox(o.group.profile, o.compileCacheDir));
  o.trackSandbox(sandbox.layout.root);
  const s = sandbox.secrets;
  o.redactor.add({ name: "socket-token", value: sandbox.generatedSocketToken });
  o.redactor.add({ name: "derived-token", value: sandbox.derivedToken });
  o.redactor.add({ name: "gateway-token", value: s.gatewayToken });
  const logName = `gateway-${o.label}-${o.group.profile}.log`;
  const record: GatewayRecord = { sandboxProfile: o.group.profile, readyMs: null, readyAttempts: 0, peakRssBytes: null, exit: null, stopMs: null, logFile: logName };
  const baseEnv = childBaseEnv(sandbox.layout, process.env, dirname(o.target.nodePath), sandbox.compileCached);
  let gateway: RunningGateway | null = null;
  const scenarios: ScenarioResult[] = [];
  let aborted: string | null = null;
  let locks: RunLocks = NO_LOCKS;
  const step = o.progress.step(`${o.label}: start gateway (${o.group.profile})`);
  // Scenarios stop waiting as soon as the harness is interrupted or the gateway dies.
  const stopAll = new AbortController();
  const onAbort = (): void => stopAll.abort(o.signal.reason);
  o.signal.addEventListener("abort", onAbort, { once: true });
  let prepared: PreparedScenario[] = [];
  try {
    const port = await pickGatewayPort();
    o.trackPort(port);
    if (o.target.legacyApprovals.via === "doctor") {
      // The config first: it points OpenClaw's log into the sandbox (doctor would write /tmp/openclaw otherwise).
      await sandbox.writeGatewayConfig(port);
      const d = o.progress.step(`${o.label}: openclaw doctor --fix (${o.group.profile}): this build imports the legacy exec-approvals.json only through doctor`);
      record.stateMigration = await timed("sandbox", () => runDoctorFix({ nodePath: o.target.nodePath, openclawDir: o.target.openclawDir, env: baseEnv, home: sandbox.layout.home, legacyFile: sandbox.layout.execApprovalsPath, reportFolder: o.reportFolder, logName: `doctor-${o.label}-${o.group.profile}.log`, reason: o.target.legacyApprovals.evidence, redactor: o.redactor, signal: stopAll.signal, trackPid: o.trackPid, timeoutMs: o.timeouts.gatewayReadyMs }));
      d.done(`exit ${record.stateMigration.exitCode ?? "none"} in ${(record.stateMigration.durationMs / 1000).toFixed(1)}s`);
    }
    // The gateway's start is the critical path: spawn it first. Taps and runtime processes get ready while it starts
    // (they only need its port), the processes at low priority so that loading OpenClaw's client does not slow it.
    const spawnAt = performance.now();
    const starting = startGateway({
      port,
      bind: gatewayBind(o.group.profile),
      nodePath: o.target.nodePath,
      openclawDir: o.target.openclawDir,
      env: baseEnv,
      cwd: sandbox.layout.home,
      gatewayToken: s.gatewayToken,
      logFile: join(o.reportFolder, logName),
      redactor: o.redactor,
      readyTimeoutMs: o.timeouts.gatewayReadyMs,
      beforeSpawn: (p) => sandbox.writeGatewayConfig(p),
      onProgress: (d) => step.update(d),
      onSpawn: o.trackPid,
      signal: stopAll.signal,
    });
    starting.catch(() => undefined);
    try {
      const prepCtx = { gatewayUrl: `ws://127.0.0.1:${port}`, sandbox, baseEnv, target: o.target, redactor: o.redactor, signal: stopAll.signal, trackPid: o.trackPid, trackPort: o.trackPort };
      // Only the first scenarios' runtime processes load while the gateway starts (as many as run at once): fifteen
      // OpenClaw clients loading together on two cores starve the gateway and each other. The rest spawn when they run.
      const ahead = new Set(o.group.scenarios.slice(0, o.concurrency));
      prepared = await prepareAll(o.group.scenarios, (sc) => prepareScenario(sc, prepCtx, ahead.has(sc)), releasePrepared);
    } catch (err) {
      // Abandon the start (startGateway stops what it spawned), or stop a gateway that became ready meanwhile.
      stopAll.abort("preparing the scenarios failed");
      const early = await starting.catch(() => null);
      if (early) {
        early.control.close();
        await early.stop();
      }
      throw err;
    }
    for (const p of prepared) setPreparedPriority(p, "gateway-starting");
    gateway = await starting;
    endPhase("gateway spawn → ready", spawnAt);
    record.readyMs = gateway.readyMs;
    record.readyAttempts = gateway.readyAttempts;
    step.done(`ready in ${(gateway.readyMs / 1000).toFixed(1)}s, pid ${gateway.pid}`);
    for (const p of prepared) setPreparedPriority(p, "gateway-ready");
    o.onGatewayReady?.(gateway);
    const running = gateway;
    void running.exited.then((e) => {
      if (e.by !== "harness") stopAll.abort(`gateway exited (code ${e.code ?? "none"}, signal ${e.signal ?? "none"})`);
    });
    const ctx = { sandbox, gateway: running, target: o.target, baseEnv, redactor: o.redactor, timeouts: o.timeouts, progress: o.progress, trackPid: o.trackPid, trackPort: o.trackPort, trackNetwork: o.trackNetwork, signal: stopAll.signal, faults: o.faults };
    const scenariosAt = performance.now();
    const results = await mapLimit(o.group.scenarios, o.concurrency, async (sc, i) => {
      const prep = prepared[i] as PreparedScenario;
      const why = stopAll.signal.aborted ? String(stopAll.signal.reason ?? "aborted") : null;
      if (why) {
        await releasePrepared(prep);
        return notRun(sc, why);
      }
      const st = o.progress.step(`${o.label}: ${sc.id}`);
      const r = await runScenario(sc, ctx, prep);
      (r.status === "failed" ? st.fail : r.status === "passed" ? st.done : st.skip)(r.deciding);
      return r;
    });
    endPhase("scenarios", scenariosAt);
    scenarios.push(...applyPositiveControls(results, o.group.scenarios));
    const exit = running.exit();
    if (exit && exit.by !== "harness") aborted = `gateway exited mid-run (code ${exit.code ?? "none"}, signal ${exit.signal ?? "none"})`;
  } catch (err) {
    const msg = err instanceof StepError ? err.describe() : err instanceof Error ? err.message : String(err);
    step.fail(o.redactor.text(msg.split("\n")[0] ?? msg));
    throw new GroupFailed(err instanceof StepError ? err : new StepError("gateway group", o.redactor.text(msg)), record);
  } finally {
    o.signal.removeEventListener("abort", onAbort);
    if (!gateway || scenarios.length === 0) await Promise.all(prepared.map((p) => releasePrepared(p)));
    if (gateway) {
      gateway.control.close();
      const running = gateway;
      const stop = await timed("gateway stop", () => running.stop());
      record.stopMs = stop.stopMs;
      record.peakRssBytes = stop.peakRssBytes;
      record.exit = stop.exit;
    }
    locks = await removeSandboxLocks(sandbox.layout);
    if (!o.keep) await timed("sandbox", () => sandbox.remove());
    else o.progress.info(`kept sandbox ${sandbox.layout.root}`);
  }
  return { gateways: [record], scenarios, aborted, locks };
}
