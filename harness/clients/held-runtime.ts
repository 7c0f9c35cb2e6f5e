/**
 * A long-lived approval-runtime process (the child's serve mode): spawned once, it takes one input a line and answers
 * each with one outcome line, with the same loaded client in the same process, across whatever the gateway does
 * between two calls. The thin doing layer of a lifecycle scenario's `resolve by held-runtime` steps.
 */
import { createInterface } from "node:readline";
import { execa, type ResultPromise } from "execa";
import type { RuntimeOutcome } from "../evidence/types.ts";
import { dyingWithHarness } from "../proc/parent-death.ts";
import { parseChildExtras, parseRuntimeOutcome, reportedPid, type ChildExtras } from "./runtime-outcome.ts";
import { RUNTIME_CHILD, type RuntimeInput, type RuntimeSpawn } from "./runtime-process.ts";

export interface HeldRuntime {
  pid: number | null;
  resolve(input: RuntimeInput, timeoutMs: number): Promise<{ outcome: RuntimeOutcome; extras: ChildExtras }>;
  /** End its input and wait for it (SIGKILL after a second). */
  close(): Promise<void>;
}

export function spawnHeldRuntime(s: Omit<RuntimeSpawn, "wrapper">): HeldRuntime {
  const child: ResultPromise = execa(...dyingWithHarness([s.nodePath, RUNTIME_CHILD, s.openclawDir, s.api]), {
    env: { ...s.env, SMOKE_RUNTIME_SERVE: "1" },
    extendEnv: false,
    cwd: s.cwd,
    stdin: "pipe",
    reject: false,
    killSignal: "SIGKILL",
    buffer: false,
    cleanup: true,
    ...(s.cancelSignal ? { cancelSignal: s.cancelSignal } : {}),
  });
  child.stdin?.on("error", () => undefined);
  const log: string[] = [];
  const lines: string[] = [];
  let waiting: ((line: string | null) => void) | null = null;
  let ended = false;
  const keep = (line: string): void => {
    log.push(line);
    if (log.length > 30) log.shift();
  };
  const deliver = (line: string | null): void => {
    if (line !== null && !line.includes("smokeRuntimeOutcome")) return keep(line);
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(line);
    } else if (line !== null) lines.push(line);
  };
  if (child.stdout) createInterface({ input: child.stdout }).on("line", deliver);
  if (child.stderr) createInterface({ input: child.stderr }).on("line", keep);
  void child.then(() => {
    ended = true;
    deliver(null);
  });
  const next = (timeoutMs: number): Promise<string | null | "timeout"> =>
    new Promise((resolve) => {
      const queued = lines.shift();
      if (queued !== undefined) return resolve(queued);
      if (ended) return resolve(null);
      const t = setTimeout(() => {
        waiting = null;
        resolve("timeout");
      }, timeoutMs);
      waiting = (line) => {
        clearTimeout(t);
        resolve(line);
      };
    });
  return {
    pid: child.pid ?? null,
    async resolve(input, timeoutMs) {
      const sent = Date.now();
      child.stdin?.write(`${JSON.stringify(input)}\n`);
      const line = await next(timeoutMs);
      const timedOut = line === "timeout";
      if (timedOut) child.kill("SIGKILL");
      const stdout = typeof line === "string" && !timedOut ? line : "";
      // The PID is the answering process's own report, so "one process across the restart" is observed, not assumed.
      const end = { pid: reportedPid(stdout), exitCode: ended ? (child.nodeChildProcess.exitCode ?? null) : null, signal: ended ? (child.nodeChildProcess.signalCode ?? null) : null, timedOut, wallMs: Date.now() - sent, stdout, logTail: s.redact(log.slice(-15).join("\n")) };
      return { outcome: parseRuntimeOutcome(end, s.redact), extras: parseChildExtras(stdout) };
    },
    async close() {
      child.stdin?.end();
      const t = setTimeout(() => child.kill("SIGKILL"), 1000);
      await child;
      clearTimeout(t);
    },
  };
}
