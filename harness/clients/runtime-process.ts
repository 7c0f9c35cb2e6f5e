import { fileURLToPath } from "node:url";
import { execa } from "execa";
import type { RuntimeOutcome } from "../evidence/types.ts";
import { parseChildExtras, parseRuntimeOutcome, type ChildExtras } from "./runtime-outcome.ts";

export const RUNTIME_CHILD = fileURLToPath(new URL("./runtime-child.mjs", import.meta.url));

export interface RuntimeRun {
  nodePath: string;
  openclawDir: string;
  cwd: string;
  env: Record<string, string>;
  cfg: Record<string, unknown>;
  gatewayUrl: string | null;
  approvalId: string;
  decision: string;
  timeoutMs: number;
  redact: (s: string) => string;
  /** Wraps the node command (e.g. unshare ... --): argv prefix. */
  wrapper?: string[];
  onSpawn?: (pid: number) => void;
  /** Ends the process early (harness interrupted, gateway gone). */
  cancelSignal?: AbortSignal;
}

/** Spawn the approval-runtime process (Node 24, plain ESM), feed its input on stdin, read its outcome line. */
export async function runRuntimeProcess(run: RuntimeRun): Promise<{ outcome: RuntimeOutcome; extras: ChildExtras }> {
  const input = JSON.stringify({
    openclawDir: run.openclawDir,
    cfg: run.cfg,
    approvalId: run.approvalId,
    decision: run.decision,
    gatewayUrl: run.gatewayUrl,
  });
  const [file, ...args] = run.wrapper?.length ? [...run.wrapper, run.nodePath, RUNTIME_CHILD] : [run.nodePath, RUNTIME_CHILD];
  const started = Date.now();
  const child = execa(file as string, args, {
    env: run.env,
    extendEnv: false,
    cwd: run.cwd,
    input,
    reject: false,
    timeout: run.timeoutMs,
    killSignal: "SIGKILL",
    all: true,
    cleanup: true,
    maxBuffer: 4 * 1024 * 1024,
    ...(run.cancelSignal ? { cancelSignal: run.cancelSignal } : {}),
  });
  if (child.pid !== undefined) run.onSpawn?.(child.pid);
  const r = await child;
  const all = typeof r.all === "string" ? r.all : "";
  const logTail = run.redact(all.split("\n").filter((l) => !l.includes("smokeRuntimeOutcome")).slice(-15).join("\n"));
  const stdout = typeof r.stdout === "string" ? r.stdout : "";
  const outcome = parseRuntimeOutcome(
    {
      pid: child.pid ?? null,
      exitCode: r.exitCode ?? null,
      signal: r.signal ?? null,
      timedOut: r.timedOut,
      wallMs: Date.now() - started,
      stdout,
      logTail,
    },
    run.redact,
  );
  return { outcome, extras: parseChildExtras(stdout) };
}
