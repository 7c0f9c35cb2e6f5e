import { access, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { StepError } from "../errors.ts";
import type { StateMigrationRecord } from "../evidence/types.ts";
import type { Redactor } from "../run/context.ts";
import { GATE_TEXT } from "../target/legacy-approvals.ts";
import { dyingWithHarness } from "../proc/parent-death.ts";

export const DOCTOR_FIX_ARGS = ["doctor", "--fix", "--non-interactive"] as const;

export interface DoctorFixOptions {
  nodePath: string;
  openclawDir: string;
  env: Record<string, string>;
  home: string;
  /** The legacy file doctor must take in; it is gone afterwards or the step fails. */
  legacyFile: string;
  reportFolder: string;
  logName: string;
  /** What in the build called for it (from detectLegacyApprovalsImport). */
  reason: string;
  redactor: Redactor;
  signal: AbortSignal;
  trackPid(pid: number): void;
  timeoutMs: number;
}

/**
 * Why doctor failed, in words a reader can act on. A doctor that itself prints the gate's refusal was blocked by
 * the file it was run to import: 2026.8.1's config repair updates exec approvals through the gate before its state
 * migrations run, so its doctor --fix cannot import the file at all (fixed in 2026.8.2). That is the build's
 * defect, not a harness dialect: the scenario cannot be set up on it through the build's own means.
 */
export function doctorFailure(r: { timedOut: boolean; isCanceled: boolean; exitCode?: number | undefined }, log: string, timeoutMs: number, logName: string): { why: string; next: string } {
  const readLog = `read ${logName} in the report folder`;
  if (r.timedOut) return { why: `timed out after ${timeoutMs / 1000} s`, next: `${readLog}; raise --ready-timeout on a loaded machine` };
  if (r.isCanceled) return { why: "cancelled", next: "run again without interrupting" };
  if (r.exitCode !== 0 && log.includes(GATE_TEXT)) {
    return {
      why: `exited ${r.exitCode ?? "without a code"}, blocked by the build's own legacy-approvals gate (its doctor cannot import exec-approvals.json)`,
      next: "this build cannot take in a legacy exec-approvals.json through its own doctor; judge the releases around it",
    };
  }
  const next = `${readLog}; this build needs its legacy approvals imported before the gateway starts`;
  if (r.exitCode !== 0) return { why: `exited ${r.exitCode ?? "without a code"}`, next };
  return { why: "left the legacy exec-approvals.json in place", next };
}

/**
 * Run the build's own `openclaw doctor --fix --non-interactive` in the sandbox before its gateway starts, for builds
 * whose runtime refuses a legacy exec-approvals.json until doctor has imported it into SQLite. Its output (redacted)
 * goes to the report folder; a failure carries the exit, the log tail and what to do.
 */
export async function runDoctorFix(o: DoctorFixOptions): Promise<StateMigrationRecord> {
  const started = performance.now();
  const argv = [join(o.openclawDir, "openclaw.mjs"), ...DOCTOR_FIX_ARGS];
  const child = execa(...dyingWithHarness([o.nodePath, ...argv]), { env: o.env, extendEnv: false, cwd: o.home, stdin: "ignore", all: true, reject: false, timeout: o.timeoutMs, cancelSignal: o.signal, forceKillAfterDelay: 2000 });
  if (child.pid !== undefined) o.trackPid(child.pid);
  const r = await child;
  const log = o.redactor.text(String(r.all ?? ""));
  await writeFile(join(o.reportFolder, o.logName), `${log}\n`);
  const record: StateMigrationRecord = { command: `openclaw ${DOCTOR_FIX_ARGS.join(" ")}`, reason: o.reason, exitCode: r.exitCode ?? null, durationMs: Math.round(performance.now() - started), logFile: o.logName };
  const stillThere = await access(o.legacyFile).then(() => true, () => false);
  if (r.exitCode !== 0 || stillThere) {
    const { why, next } = doctorFailure(r, log, o.timeoutMs, o.logName);
    throw new StepError("state migration", `openclaw doctor --fix ${why}`, {
      process: "openclaw doctor",
      command: record.command,
      exitCode: r.exitCode ?? null,
      signal: r.signal ?? null,
      logTail: log.split("\n").filter((l) => l.trim()).slice(-12).join("\n"),
      next,
    });
  }
  return record;
}
