import { dirname, join } from "node:path";
import type { GatewayRecord, ScenarioResult } from "../evidence/types.ts";
import { StepError } from "../errors.ts";
import { startGateway, type RunningGateway } from "../gateway/gateway.ts";
import { pickGatewayPort } from "../gateway/ports.ts";
import { endPhase, timed } from "./phases.ts";
import type { SandboxProfile } from "../plan/scenario-types.ts";
import { childBaseEnv } from "../sandbox/layout.ts";
import { createSandbox } from "../sandbox/sandbox.ts";
import { gatewayBind } from "../sandbox/files.ts";
import { mapLimit } from "./limit.ts";
import { NO_LOCKS, removeSandboxLocks, type RunLocks } from "../hygiene/locks.ts";
import { notRun, runScenario } from "./scenario.ts";
import { applyPositiveControls } from "../judge/controls.ts";
import { prepareScenario, releasePrepared, setPreparedPriority, type PreparedScenario } from "./prepare.ts";
import { prepareAll } from "./prepare-all.ts";
import { GroupFailed, type GroupRunOptions, type GroupRunResult, type Lane } from "./lane.ts";
import { scenarioTarget } from "./context.ts";
import { importLegacyApprovals } from "./state-migration.ts";

/** The sandbox profiles the process lane runs: every one but the Compose lane's. */
const PROCESS_PROFILES: readonly SandboxProfile[] = ["shared-socket-token", "no-socket-token", "lan-bind", "owner-only"];

/** The process lane: the gateway and the approval-runtime processes as child processes of the harness. */
export const processLane: Lane = { name: "process", profiles: PROCESS_PROFILES, run: runGroup };

/** One sandbox, one real gateway, the group's scenarios; always tears down what it started. */
async function runGroup(o: GroupRunOptions): Promise<GroupRunResult> {
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
      record.stateMigration = await importLegacyApprovals(o, { sandbox, port, baseEnv, what: o.group.profile, logName: `doctor-${o.label}-${o.group.profile}.log`, signal: stopAll.signal });
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
      prepared = await prepareAll(o.group.scenarios, (sc) => prepareScenario(sc, { ...prepCtx, target: scenarioTarget(o.target, sc) }, ahead.has(sc)), releasePrepared);
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
      const r = await runScenario(sc, { ...ctx, target: scenarioTarget(o.target, sc) }, prep);
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
    // Teardown runs off the slot: the next unit's gateway starts while this one stops.
    o.releaseSlot();
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
