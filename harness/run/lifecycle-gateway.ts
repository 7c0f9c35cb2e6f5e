/**
 * The gateway of a lifecycle scenario: one sandbox whose home outlives the gateway, a port that stays the same across
 * restarts, and each start tracked (PID, log file, record), so that teardown and hygiene see every gateway the
 * restarts made. The thin doing layer under run/lifecycle.ts.
 */
import { dirname, join } from "node:path";
import type { GatewayRecord, StateMigrationRecord } from "../evidence/types.ts";
import { lifecycleProfile } from "../evidence/gateway-profile.ts";
import { importLegacyApprovals } from "./state-migration.ts";
import { startGateway, waitReady, type RunningGateway } from "../gateway/gateway.ts";
import { timed } from "./phases.ts";
import { pickGatewayPort } from "../gateway/ports.ts";
import { childBaseEnv } from "../sandbox/layout.ts";
import { createSandbox, type Sandbox } from "../sandbox/sandbox.ts";
import type { GroupRunOptions } from "./lane.ts";
import type { RoleBuild } from "./context.ts";

export interface LifecycleHome {
  sandbox: Sandbox;
  port: number;
  baseEnv: Record<string, string>;
  /** The running gateway, or null while stopped. */
  gateway: RunningGateway | null;
  records: GatewayRecord[];
  /**
   * Start a gateway on the home. `legacy-import`: a start no step asked for, made only so that the build imports the
   * home's exec-approvals.json (recorded as such: `lifecycle:<scenario>#<n> (legacy import)`).
   */
  start(purpose?: "legacy-import", build?: RoleBuild): Promise<RunningGateway>;
  /**
   * The build's own `openclaw doctor --fix`, on a build that imports the legacy exec-approvals.json only through it
   * (2026.8.x to 2026.9.5), before the home's first gateway, where a user upgrading would run it. Its record goes
   * with the next gateway started.
   */
  migrate(build?: RoleBuild): Promise<void>;
  stop(): Promise<void>;
  /** Send the build's restart signal and wait for the same process to answer hello-ok again (a new control connection). */
  restartInPlace(signal: NodeJS.Signals): Promise<void>;
}

/** How long an in-place restart may take to close the old connections once signalled. */
const RESTART_CLOSE_MS = 60_000;

export async function openLifecycleHome(o: GroupRunOptions, scenarioId: string): Promise<LifecycleHome> {
  const sandbox = await createSandbox("shared-socket-token", o.compileCacheDir);
  o.trackSandbox(sandbox.layout.root);
  o.redactor.add({ name: "socket-token", value: sandbox.generatedSocketToken });
  o.redactor.add({ name: "derived-token", value: sandbox.derivedToken });
  o.redactor.add({ name: "gateway-token", value: sandbox.secrets.gatewayToken });
  const port = await pickGatewayPort();
  o.trackPort(port);
  const baseEnv = childBaseEnv(sandbox.layout, process.env, dirname(o.target.nodePath), sandbox.compileCached);
  let migration: StateMigrationRecord | null = null;
  const home: LifecycleHome = {
    sandbox,
    port,
    baseEnv,
    gateway: null,
    records: [],
    async start(purpose, build) {
      const n = home.records.length + 1;
      const logName = `gateway-${o.label}-lifecycle-${scenarioId}-${n}.log`;
      const record: GatewayRecord = { sandboxProfile: lifecycleProfile(scenarioId, n, purpose === "legacy-import"), ...(build ? { build: { role: build.role, version: build.version } } : {}), readyMs: null, readyAttempts: 0, peakRssBytes: null, exit: null, stopMs: null, logFile: logName, ...(migration ? { stateMigration: migration } : {}) };
      migration = null;
      home.records.push(record);
      const step = o.progress.step(`${o.label}: ${scenarioId}: start gateway #${n}${build ? ` (${build.role} ${build.version})` : ""}`);
      try {
        const g = await timed("gateway spawn → ready", () => startGateway({
          port,
          bind: "loopback",
          nodePath: o.target.nodePath,
          openclawDir: build?.openclawDir ?? o.target.openclawDir,
          env: baseEnv,
          cwd: sandbox.layout.home,
          gatewayToken: sandbox.secrets.gatewayToken,
          logFile: join(o.reportFolder, logName),
          redactor: o.redactor,
          readyTimeoutMs: o.timeouts.gatewayReadyMs,
          beforeSpawn: (p) => sandbox.writeGatewayConfig(p),
          onProgress: (d) => step.update(d),
          onSpawn: o.trackPid,
          signal: o.signal,
        }));
        record.readyMs = g.readyMs;
        record.readyAttempts = g.readyAttempts;
        step.done(`ready in ${(g.readyMs / 1000).toFixed(1)}s, pid ${g.pid}`);
        home.gateway = g;
        return g;
      } catch (err) {
        step.fail(o.redactor.text(err instanceof Error ? (err.message.split("\n")[0] ?? err.message) : String(err)));
        throw err;
      }
    },
    async migrate(build) {
      const n = home.records.length + 1;
      migration = await importLegacyApprovals(o, { sandbox, port, baseEnv, what: scenarioId, logName: `doctor-${o.label}-lifecycle-${scenarioId}-${n}.log`, signal: o.signal, ...(build ? { build: { openclawDir: build.openclawDir, evidence: build.legacyApprovals.evidence } } : {}) });
    },
    async restartInPlace(signal) {
      const g = home.gateway;
      if (!g) throw new Error("no gateway runs to restart");
      const closed = new Promise<void>((resolve) => g.control.onClose(() => resolve()));
      process.kill(g.pid, signal);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), RESTART_CLOSE_MS)));
      const outcome = await Promise.race([closed, late]);
      clearTimeout(timer);
      if (outcome === "late") throw new Error(`the gateway (pid ${g.pid}) kept its connections ${RESTART_CLOSE_MS / 1000} s after ${signal}: no in-place restart`);
      const step = o.progress.step(`${o.label}: ${scenarioId}: in-place restart (${signal}), pid ${g.pid}`);
      const ready = await waitReady(g.url, { gatewayToken: sandbox.secrets.gatewayToken, readyTimeoutMs: o.timeouts.gatewayReadyMs, signal: o.signal, onProgress: (d) => step.update(d) }, g.exit, Date.now());
      step.done(`hello-ok again after ${ready.attempts} attempt(s)`);
      home.gateway = { ...g, control: ready.control };
    },
    async stop() {
      const g = home.gateway;
      if (!g) return;
      home.gateway = null;
      g.control.close();
      const stopped = await g.stop();
      const record = home.records.at(-1);
      if (record) Object.assign(record, { stopMs: stopped.stopMs, peakRssBytes: stopped.peakRssBytes, exit: stopped.exit });
    },
  };
  return home;
}
