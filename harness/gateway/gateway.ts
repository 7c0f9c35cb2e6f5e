import { execa, type ResultPromise } from "execa";
import { treeCpuMs } from "../proc/cpu.ts";
import { cpuSampling, recordCpu } from "../proc/cpu-samples.ts";
import { StepError } from "../errors.ts";
import { descendants, peakRssBytes, stopTree } from "../proc/tree.ts";
import type { ProcessExit } from "../evidence/types.ts";
import { GatewayConnection, GatewayRequestError } from "../wire/client.ts";
import { gatewayArgv } from "./command.ts";
import { dyingWithHarness } from "../proc/parent-death.ts";
import { LogSink, type TextRedactor } from "./log-sink.ts";

const ADMIN_SCOPES = ["operator.admin", "operator.approvals"] as const;

export interface GatewayStartOptions {
  /** A free loopback port chosen by the caller (see pickGatewayPort in ports.ts), so taps can be prepared before spawn. */
  port: number;
  bind?: "loopback" | "lan";
  nodePath: string;
  openclawDir: string;
  env: Record<string, string>;
  cwd: string;
  gatewayToken: string;
  logFile: string;
  redactor: TextRedactor;
  readyTimeoutMs: number;
  /** Called once the port is known, before spawn: the sandbox config must name it. */
  beforeSpawn: (port: number) => Promise<void>;
  onProgress?: (detail: string) => void;
  /** Called with the gateway's PID as soon as it is spawned, so an interrupted harness can end it. */
  onSpawn?: (pid: number) => void;
  /** Stop waiting for readiness (and tear the gateway down) when this aborts. */
  signal?: AbortSignal;
}

export interface RunningGateway {
  pid: number;
  port: number;
  url: string;
  readyMs: number;
  readyAttempts: number;
  /** The admin connection that proved readiness; reused as the control client. */
  control: GatewayConnection;
  log: LogSink;
  exit(): ProcessExit | null;
  exited: Promise<ProcessExit>;
  /** Fault injection: signal the whole gateway tree at once, as an OOM killer would. */
  kill(signal: NodeJS.Signals): Promise<void>;
  stop(): Promise<{ stopMs: number; peakRssBytes: number | null; exit: ProcessExit | null }>;
}

/** Start the real `openclaw gateway run` on the given port and wait until a token connect gets hello-ok. */
export async function startGateway(opts: GatewayStartOptions): Promise<RunningGateway> {
  const port = opts.port;
  await opts.beforeSpawn(port);
  const url = `ws://127.0.0.1:${port}`;
  const argv = gatewayArgv(opts.openclawDir, port, opts.bind ?? "loopback");
  const log = new LogSink(opts.logFile, opts.redactor);
  const started = Date.now();
  const child: ResultPromise = execa(...dyingWithHarness([opts.nodePath, ...argv]), {
    env: opts.env,
    extendEnv: false,
    cwd: opts.cwd,
    stdin: "ignore",
    reject: false,
    cleanup: true,
    buffer: false,
  });
  log.attach(child.stdout, "stdout");
  log.attach(child.stderr, "stderr");
  log.onLine((line) => opts.onProgress?.(line.replace(/^\S+\s+/, "").slice(0, 100)));
  const pid = child.pid;
  if (pid === undefined) throw new StepError("gateway", "could not spawn", { command: `${opts.nodePath} ${argv.join(" ")}` });
  opts.onSpawn?.(pid);
  let exitInfo: ProcessExit | null = null;
  let stopping = false;
  const exited = child.then((r) => {
    exitInfo = { code: r.exitCode ?? null, signal: r.signal ?? null, by: stopping ? "harness" : "self" };
    return exitInfo;
  });
  let lastDescendants: number[] = [];
  const stop = async (): Promise<{ stopMs: number; peakRssBytes: number | null; exit: ProcessExit | null }> => {
    stopping = true;
    if (cpuSampling()) recordCpu("gateway run", await treeCpuMs(pid));
    const tree = [...new Set([...lastDescendants, ...(await descendants(pid))])];
    const rss = await treePeakRss([pid, ...tree]);
    // Even when the launcher is already gone, its descendants may not be: stop the collected tree by PID.
    const r = await stopTree(pid, 5000, tree);
    await Promise.race([exited, new Promise((res) => setTimeout(res, 2000))]);
    await log.close();
    return { stopMs: r.stopMs, peakRssBytes: rss, exit: exitInfo };
  };
  try {
    const { control, attempts } = await waitReady(url, opts, () => exitInfo, started);
    const readyMs = Date.now() - started;
    if (cpuSampling()) recordCpu("gateway start", await treeCpuMs(pid));
    lastDescendants = await descendants(pid);
    const kill = async (sig: NodeJS.Signals): Promise<void> => {
      for (const p of [pid, ...(await descendants(pid))]) {
        try {
          process.kill(p, sig);
        } catch {
          // gone
        }
      }
    };
    return { pid, port, url, readyMs, readyAttempts: attempts, control, log, exit: () => exitInfo, exited, kill, stop };
  } catch (err) {
    await stop();
    if (err instanceof StepError) {
      err.detail.logTail = log.tail();
      // Nothing to read: do not send the user to a log tail that is not there.
      if (!err.detail.logTail) err.detail.next = `${(err.detail.next ?? "").replace(/,? or read the log tail$/, "")}; the gateway printed nothing in that time (its log file is empty)`.replace(/^; /, "");
      err.detail.command = `node ${argv.map((a) => a.replace(opts.openclawDir, "<openclaw>")).join(" ")}`;
    }
    throw err;
  }
}

async function treePeakRss(pids: number[]): Promise<number | null> {
  const values = await Promise.all(pids.map(peakRssBytes));
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

/** A readiness retry is reported when its reason changes, else at most once a second (retries come every 50 ms). Pure. */
export function shouldReportWait(last: { reason: string; at: number } | null, reason: string, now: number): boolean {
  return last === null || last.reason !== reason || now - last.at >= 1000;
}

/** What waiting for a gateway's hello-ok needs: its token, the deadline, the abort signal, where progress goes. */
export type ReadyOptions = Pick<GatewayStartOptions, "gatewayToken" | "readyTimeoutMs" | "signal" | "onProgress">;

/**
 * Retry a token connect (admin scopes) until hello-ok; the connection proves readiness and becomes the control client.
 * Ends early when the gateway exits (exitInfo) or the signal aborts. Shared by the process and the Compose executors.
 */
export async function waitReady(
  url: string,
  opts: ReadyOptions,
  exitInfo: () => ProcessExit | null,
  started: number,
): Promise<{ control: GatewayConnection; attempts: number }> {
  let attempts = 0;
  let last = "no answer yet";
  let reported: { reason: string; at: number } | null = null;
  while (Date.now() - started < opts.readyTimeoutMs) {
    if (opts.signal?.aborted) {
      throw new StepError("gateway", `start abandoned: ${String(opts.signal.reason ?? "aborted")}`, { process: "openclaw gateway", next: "nothing to do: the harness was interrupted" });
    }
    const exit = exitInfo();
    if (exit) {
      throw new StepError("gateway", `exited before it was ready (code ${exit.code ?? "none"}, signal ${exit.signal ?? "none"})`, {
        process: "openclaw gateway",
        exitCode: exit.code,
        signal: exit.signal,
        next: "read the log tail above; run with --keep --verbose to inspect the sandbox",
      });
    }
    attempts += 1;
    try {
      const control = await GatewayConnection.connect({
        url,
        clientId: "gateway-client",
        clientMode: "backend",
        scopes: [...ADMIN_SCOPES],
        token: opts.gatewayToken,
        displayName: "approval-runtime-smoke control",
        timeoutMs: 5000,
      });
      return { control, attempts };
    } catch (err) {
      if (err instanceof GatewayRequestError && err.code !== "UNAVAILABLE") {
        throw new StepError("gateway", `refused the harness's token connect: ${err.code ?? "?"} ${err.reason ?? ""}`.trim(), {
          process: "openclaw gateway",
          next: "the gateway's auth config does not match what the harness wrote; check the target's config schema",
        });
      }
      last = err instanceof Error ? err.message : String(err);
      const reason = last.slice(0, 60);
      if (shouldReportWait(reported, reason, Date.now())) {
        reported = { reason, at: Date.now() };
        opts.onProgress?.(`waiting for hello-ok (attempt ${attempts}: ${reason})`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new StepError("gateway", `not ready after ${opts.readyTimeoutMs} ms (last: ${last})`, {
    process: "openclaw gateway",
    next: "raise --ready-timeout on a slow machine (a gateway takes 6-25 s to start on 2 cores), or read the log tail",
  });
}
