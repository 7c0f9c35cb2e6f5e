import type { TargetRuntime } from "../run/context.ts";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { StepError } from "../errors.ts";
import { createRedactor } from "../evidence/redact.ts";
import type { Report } from "../evidence/types.ts";
import { createRequesterApproval } from "../clients/requester.ts";
import { checkAndSettle } from "../clients/control.ts";
import { startGateway, type RunningGateway } from "../gateway/gateway.ts";
import { pickGatewayPort } from "../gateway/ports.ts";
import { DEFAULT_TIMEOUTS } from "../plan/plan.ts";
import type { ScenarioDefinition } from "../plan/scenario-types.ts";
import { childBaseEnv } from "../sandbox/layout.ts";
import { createSandbox, type Sandbox } from "../sandbox/sandbox.ts";
import { startTap } from "../tap/tap.ts";
import { runtimeInvocation } from "../plan/client-setup.ts";
import { removeSandboxLocks } from "../hygiene/locks.ts";
import { statCpu, treeCpuMs } from "../proc/cpu.ts";
import { minimalGatewayConfig } from "../sandbox/files.ts";
import { readFile, writeFile } from "node:fs/promises";
import { prepareScenario, spawnTrackedRuntime } from "../run/prepare.ts";
import { runScenario } from "../run/scenario.ts";
import { NO_FAULTS, type Redactor } from "../run/context.ts";
import type { Progress } from "../ui/progress.ts";

const MAIN = fileURLToPath(new URL("../cli/main.ts", import.meta.url));

export interface Target extends TargetRuntime {
  /** The persistent compile cache the CLI's runs use too, so that floors and full runs start alike. */
  compileCacheDir: string;
}

interface GatewayHandle {
  sandbox: Sandbox;
  gateway: RunningGateway;
  baseEnv: Record<string, string>;
  redactor: Redactor;
  close(): Promise<void>;
}

/**
 * A bare sandbox + real gateway, torn down by close(). ours: the sandbox and config a run uses. minimal: no
 * exec-approvals.json and the minimal gateway config of openclaw-facts §3, i.e. a bare `openclaw gateway run`.
 */
async function bareGateway(target: Target, logDir: string, config: "ours" | "minimal" = "ours"): Promise<GatewayHandle> {
  const sandbox = await createSandbox(config === "ours" ? "shared-socket-token" : "no-socket-token", target.compileCacheDir);
  const redactor = createRedactor([{ name: "gateway-token", value: sandbox.secrets.gatewayToken }, { name: "socket-token", value: sandbox.generatedSocketToken }]);
  const baseEnv = childBaseEnv(sandbox.layout, process.env, dirname(target.nodePath), sandbox.compileCached);
  try {
    const gateway = await startGateway({
      port: await pickGatewayPort(),
      nodePath: target.nodePath,
      openclawDir: target.openclawDir,
      env: baseEnv,
      cwd: sandbox.layout.home,
      gatewayToken: sandbox.secrets.gatewayToken,
      logFile: join(logDir, `bench-gateway-${Date.now()}.log`),
      redactor,
      readyTimeoutMs: DEFAULT_TIMEOUTS.gatewayReadyMs,
      beforeSpawn: (p) =>
        config === "ours" ? sandbox.writeGatewayConfig(p) : writeFile(sandbox.layout.configPath, `${JSON.stringify(minimalGatewayConfig(sandbox.layout, p, sandbox.secrets.gatewayToken))}\n`, { mode: 0o600 }),
    });
    return {
      sandbox,
      gateway,
      baseEnv,
      redactor,
      async close() {
        gateway.control.close();
        await gateway.stop();
        await removeSandboxLocks(sandbox.layout);
        await sandbox.remove();
      },
    };
  } catch (err) {
    await sandbox.remove();
    throw err;
  }
}

/**
 * Floor 1: spawn of a gateway until a token connect gets hello-ok, and the CPU its process tree used until then;
 * with the harness's sandbox and config, and alternately a bare one (minimal config), so the two are timed alike.
 */
export async function gatewayReadyFloor(target: Target, runs: number, logDir: string, progress: Progress): Promise<Record<"ours" | "minimal", { readyMs: number[]; cpuMs: number[] }>> {
  const out = { ours: { readyMs: [] as number[], cpuMs: [] as number[] }, minimal: { readyMs: [] as number[], cpuMs: [] as number[] } };
  for (let i = 0; i < runs; i++) {
    for (const config of ["ours", "minimal"] as const) {
      const st = progress.step(`floor: gateway spawn → hello-ok, ${config === "ours" ? "the harness's config" : "bare, minimal config"} (${i + 1}/${runs})`);
      const g = await bareGateway(target, logDir, config);
      const cpu = await treeCpuMs(g.gateway.pid);
      out[config].readyMs.push(g.gateway.readyMs);
      out[config].cpuMs.push(cpu);
      await g.close();
      st.done(`${g.gateway.readyMs} ms, ${(cpu / 1000).toFixed(1)} CPU-s`);
    }
  }
  return out;
}

/**
 * Floor 2 on one ready gateway: one approval-runtime process alone, from spawn until the gateway's answer to its
 * resolve passes the tap; and each scenario alone (its process spawned after the gateway is ready).
 */
export async function runtimeFloors(
  target: Target,
  scenarios: readonly ScenarioDefinition[],
  runs: number,
  logDir: string,
  progress: Progress,
): Promise<{ runtimeProcess: number[]; singleScenario: Record<string, number[]> }> {
  const g = await bareGateway(target, logDir);
  const runtimeProcess: number[] = [];
  const singleScenario: Record<string, number[]> = {};
  const abort = new AbortController();
  const ctx = { sandbox: g.sandbox, gateway: g.gateway, target, baseEnv: g.baseEnv, redactor: g.redactor, timeouts: DEFAULT_TIMEOUTS, progress, trackPid: () => undefined, trackPort: () => undefined, signal: abort.signal, faults: NO_FAULTS };
  try {
    for (let i = 0; i < runs; i++) {
      const st = progress.step(`floor: one runtime process (${i + 1}/${runs})`);
      const tap = await startTap({ upstreamUrl: g.gateway.url, derivedToken: g.sandbox.derivedToken });
      const req = await createRequesterApproval(g.gateway.url, g.sandbox.secrets.gatewayToken, `bench-${i}`, 10_000);
      const inv = runtimeInvocation({ route: "local-config" }, { doors: tap.doors, gatewayToken: g.sandbox.secrets.gatewayToken, unsharedHome: g.sandbox.layout.unsharedHome, configDir: g.sandbox.layout.root, scenarioId: `bench-${i}` });
      const spawned = Date.now();
      // Spawned exactly as a scenario's runtime process is (same env, compile cache and tracking).
      const h = spawnTrackedRuntime(ctx, inv);
      await h.resolve({ cfg: inv.cfg, gatewayUrl: inv.gatewayUrl, approvalId: req.approvalId, decision: "allow-once", timeoutMs: 10_000 }, 30_000);
      await tap.close();
      const answered = tap.connections().flatMap((c) => c.rpcs).find((r) => r.answeredAtMs !== null)?.answeredAtMs;
      req.close();
      await checkAndSettle(g.gateway.control, req.approvalId, 10_000);
      // The tap's times count from its own start, which was before the requester's approval was made.
      const ms = answered !== undefined && answered !== null ? tap.startedAt + answered - spawned : Number.NaN;
      runtimeProcess.push(ms);
      st.done(`${ms} ms`);
    }
    for (const s of scenarios) {
      singleScenario[s.id] = [];
      for (let i = 0; i < runs; i++) {
        const st = progress.step(`floor: ${s.id} alone (${i + 1}/${runs})`);
        const t0 = Date.now();
        const prep = await prepareScenario(s, { gatewayUrl: g.gateway.url, sandbox: g.sandbox, baseEnv: g.baseEnv, target, redactor: g.redactor, signal: abort.signal, trackPid: () => undefined, trackPort: () => undefined });
        const r = await runScenario(s, ctx, prep);
        const ms = Date.now() - t0;
        if (r.status !== "passed") throw new Error(`${s.id} did not pass alone: ${r.deciding}`);
        singleScenario[s.id]?.push(ms);
        st.done(`${ms} ms`);
      }
    }
  } finally {
    await g.close();
  }
  return { runtimeProcess, singleScenario };
}

/** The report the CLI named on stderr (`report: <path>`, as --json prints it), the last one; null when none. Pure. */
export function reportPathFromStderr(stderr: string): string | null {
  const hits = [...stderr.matchAll(/^report: (\S.*\/report\.json)$/gm)];
  return hits.at(-1)?.[1] ?? null;
}

/**
 * A full run through the real CLI, as a user runs it: wall time and its report. The report is read from the file the
 * run wrote (its path is on stderr), not parsed from stdout: whatever else reaches stdout cannot lose a bench. A run
 * that wrote no report measured nothing (a usage error takes a second): it stops the bench with its exit and stderr
 * tail, and what the child printed is kept beside the bench's reports as evidence.
 */
export async function cliRun(args: string[], reportDir: string, env: Record<string, string>): Promise<{ wallMs: number; cpuMs: number; report: Report; exitCode: number | null }> {
  const t0 = Date.now();
  const reaped0 = (await statCpu("self"))?.reapedMs ?? Number.NaN;
  const r = await execa(process.execPath, [...process.execArgv, MAIN, ...args, "--json", "--report-dir", reportDir], { env, extendEnv: false, reject: false, timeout: 600_000 });
  const wallMs = Date.now() - t0;
  // The run's whole tree: once reaped, the CLI's CPU and everything it reaped (gateways, runtime processes) is ours.
  const cpuMs = ((await statCpu("self"))?.reapedMs ?? Number.NaN) - reaped0;
  const stderr = String(r.stderr ?? "");
  const path = reportPathFromStderr(stderr);
  let report: Report | null = null;
  try {
    report = path ? (JSON.parse(await readFile(path, "utf8")) as Report) : null;
  } catch {
    report = null;
  }
  if (!report) {
    const kept = join(reportDir, `cli-${t0}`);
    await writeFile(`${kept}.stdout`, String(r.stdout ?? ""));
    await writeFile(`${kept}.stderr`, stderr);
    const logTail = stderr.split("\n").filter((l) => l.trim()).slice(-5).join("\n");
    throw new StepError("bench", `pnpm ${args.join(" ")} wrote no readable report (exit ${r.exitCode ?? "none"}${path ? `, named ${path}` : ", named none on stderr"})`, {
      process: "harness CLI",
      command: args.join(" "),
      exitCode: r.exitCode ?? null,
      logTail,
      next: `read what it printed in ${kept}.stdout and ${kept}.stderr, or run that command alone`,
    });
  }
  return { wallMs, cpuMs, report, exitCode: r.exitCode ?? null };
}
