import { fileURLToPath } from "node:url";
import { execa, type ResultPromise } from "execa";
import type { RuntimeOutcome } from "../evidence/types.ts";
import { parseChildExtras, parseRuntimeOutcome, type ChildExtras } from "./runtime-outcome.ts";
import { dyingWithHarness } from "../proc/parent-death.ts";

export const RUNTIME_CHILD = fileURLToPath(new URL("./runtime-child.mjs", import.meta.url));

export interface RuntimeSpawn {
  nodePath: string;
  openclawDir: string;
  /** Which of OpenClaw's client functions the process loads and calls (RuntimeApi["call"]). */
  api: string;
  cwd: string;
  env: Record<string, string>;
  redact: (s: string) => string;
  /** Wraps the node command (e.g. unshare ... --): argv prefix. */
  wrapper?: string[];
  /** Ends the process early (harness interrupted, gateway gone). */
  cancelSignal?: AbortSignal;
}

export interface RuntimeInput {
  cfg: Record<string, unknown>;
  gatewayUrl: string | null;
  /** The approval to resolve (null when the process requests one itself). */
  approvalId: string | null;
  decision: string;
  approvalKind?: string;
  /** The agent tool's per-call timeout. */
  timeoutMs: number;
  /** The exec.approval.request params, when the process is itself the requester. */
  request?: Record<string, unknown>;
}

/** A started approval-runtime process that has begun loading OpenClaw's client and waits for its input. */
export interface RuntimeHandle {
  pid: number | null;
  /** Send the input; resolves when the process has ended. The timeout counts from here. */
  resolve(input: RuntimeInput, timeoutMs: number): Promise<{ outcome: RuntimeOutcome; extras: ChildExtras }>;
  /** End it without input (scenario not run). */
  discard(): Promise<void>;
  /** Not yet reaped: its PID still names this process (a reaped one's PID may belong to another by now). */
  running(): boolean;
}

/** Spawn the approval-runtime process (Node 24, plain ESM). It loads OpenClaw's client while it waits. */
export function spawnRuntime(s: RuntimeSpawn): RuntimeHandle {
  const childArgv = [s.nodePath, RUNTIME_CHILD, s.openclawDir, s.api];
  const child: ResultPromise = execa(...dyingWithHarness(s.wrapper?.length ? [...s.wrapper, ...childArgv] : childArgv), {
    env: s.env,
    extendEnv: false,
    cwd: s.cwd,
    stdin: "pipe",
    reject: false,
    killSignal: "SIGKILL",
    all: true,
    cleanup: true,
    maxBuffer: 4 * 1024 * 1024,
    ...(s.cancelSignal ? { cancelSignal: s.cancelSignal } : {}),
  });
  child.stdin?.on("error", () => undefined);
  return {
    pid: child.pid ?? null,
    async resolve(input, timeoutMs) {
      const sent = Date.now();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill("SIGKILL");
      }, timeoutMs);
      child.stdin?.end(JSON.stringify(input));
      const r = await child;
      clearTimeout(timer);
      const all = typeof r.all === "string" ? r.all : "";
      const stdout = typeof r.stdout === "string" ? r.stdout : "";
      const logTail = s.redact(all.split("\n").filter((l) => !l.includes("smokeRuntimeOutcome")).slice(-15).join("\n"));
      const outcome = parseRuntimeOutcome(
        { pid: child.pid ?? null, exitCode: r.exitCode ?? null, signal: r.signal ?? null, timedOut, wallMs: Date.now() - sent, stdout, logTail },
        s.redact,
      );
      return { outcome, extras: parseChildExtras(stdout) };
    },
    async discard() {
      child.kill("SIGKILL");
      await child;
    },
    running: () => child.nodeChildProcess.exitCode === null && child.nodeChildProcess.signalCode === null,
  };
}
