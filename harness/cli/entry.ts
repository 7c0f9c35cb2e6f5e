import { StepError, UsageError } from "../errors.ts";
import { stopTree } from "../proc/tree.ts";
import type { Report } from "../evidence/types.ts";
import { newTracker } from "../run/run.ts";
import { installExitCleanup } from "../run/exit-cleanup.ts";
import { liveTracked } from "../hygiene/pid-identity.ts";
import { createProgress } from "../ui/progress.ts";
import { parseCli } from "./args.ts";
import { helpRequest } from "./help.ts";
import { renderScenarioList } from "./scenario-list.ts";
import { loadCatalog } from "../plan/catalog.ts";
import { runBench } from "./bench.ts";
import { emitOutputs, runOnce, SIGNAL_EXIT, type Session } from "./session.ts";
import { runSoak } from "./soak.ts";
import { muteWhenOrphaned, watchParent } from "./orphan.ts";
import { phaseEntries, timed } from "../run/phases.ts";
import { cpuSamples, enableCpuSamples } from "../proc/cpu-samples.ts";
import { ownCpuMs, statCpu } from "../proc/cpu.ts";
import type { ProfileData } from "../bench/profile.ts";
import { writeFile } from "node:fs/promises";
import { runMatrixCommand } from "./matrix.ts";
import { runBisectCommand } from "./bisect.ts";
import { runCachePrune } from "./cache.ts";
import { LANES } from "./lanes.ts";
import { exitAfterFlush } from "./flush.ts";

function exitCodeOf(report: Report, controller: AbortController): number {
  if (controller.signal.aborted) return SIGNAL_EXIT[String(controller.signal.reason)] ?? 1;
  return report.status === "passed" ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  muteWhenOrphaned([process.stdout, process.stderr], process.ppid, () => process.ppid);
  // --help (a command's, or the list of commands) and smoke --list print and start nothing.
  const help = helpRequest(argv);
  if (help) {
    (help.exitCode ? process.stderr : process.stdout).write(`${help.text}\n`);
    return help.exitCode;
  }
  const opts = parseCli(argv);
  if (opts.listScenarios) {
    process.stdout.write(`${renderScenarioList(await loadCatalog(), process.stdout.isTTY ? process.stdout.columns : 100)}\n`);
    return 0;
  }
  if (opts.profileOut) enableCpuSamples();
  const tty = Boolean(process.stderr.isTTY) && !process.env.CI;
  const progress = createProgress({ stream: process.stderr, tty, quiet: false, verbose: opts.verbose });
  const controller = new AbortController();
  const tracker = newTracker();
  // Whatever way this process ends (the 10 s guard below, an exception escaping main), no sandbox with its tokens stays.
  installExitCleanup(tracker, opts.keep, LANES);
  const session: Session = { opts, progress, tracker, controller, command: `corepack pnpm ${argv.map(quote).join(" ")}` };
  const stop = (reason: string): void => {
    if (controller.signal.aborted) return;
    progress.info(`received ${reason}: tearing down and writing a partial report`);
    controller.abort(reason);
    // End what we started, by PID, so every await in flight returns quickly. A gateway exits within a second of
    // SIGTERM unless approvals are pending (then 9.x drains for minutes): what is still there after a second is
    // killed, and the run removes the lock files the target would have removed itself (by this run's hashes).
    for (const pid of liveTracked(tracker.pidStarts)) void stopTree(pid, 1000);
    setTimeout(() => process.exit(SIGNAL_EXIT[reason] ?? 1), 10_000).unref();
  };
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => stop(sig));
  // A parent that went away without the signal reaching us (pnpm's shim killed alone): nobody waits for this run any
  // more, so it ends as a hang-up would: torn down, partial report on disk, nothing on the terminal.
  watchParent(process.ppid, () => process.ppid, () => stop("SIGHUP"));
  // A reader that goes away (`pnpm smoke | head`) must not crash the run before it tears down what it started. Once
  // the report is written, nothing is cut short: say so (where anyone still reads), and keep the run's own exit code.
  let complete: string | null = null;
  let told = false;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "EPIPE" && err.code !== "ERR_STREAM_DESTROYED") throw err;
      if (complete === null) return stop("SIGPIPE");
      if (!told && stream === process.stdout && process.stderr.writable) process.stderr.write(`the reader of the output went away after the run finished; the report is complete: ${complete}\n`);
      told = true;
    });
  }
  if (opts.command === "soak") return runSoak(session);
  if (opts.command === "bench") return runBench(session);
  if (opts.command === "matrix") return runMatrixCommand(session);
  if (opts.command === "bisect") return runBisectCommand(session);
  if (opts.command === "cache") return runCachePrune(session);
  const { report, folder } = await runOnce(session, opts.command);
  complete = `${folder}/report.json`;
  await timed("render and write", () => emitOutputs(opts, report, folder, progress));
  if (opts.profileOut) await writeFile(opts.profileOut, `${JSON.stringify(await profileData(), null, 2)}\n`);
  return exitCodeOf(report, controller);
}

/** What --profile-out writes: the phases on the wall clock, and the CPU time by process kind and of the harness. */
async function profileData(): Promise<ProfileData> {
  const self = await statCpu("self");
  return { wallMs: Math.round(performance.now()), phases: phaseEntries(), cpu: { samples: cpuSamples(), harnessOwnMs: Math.round(ownCpuMs()), reapedMs: self?.reapedMs ?? null } };
}

function quote(a: string): string {
  return /^[\w@./:=-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`;
}

main(process.argv.slice(2)).then(
  (code) => exitAfterFlush(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exit(2);
    }
    if (err instanceof StepError) {
      process.stderr.write(`error: ${err.describe()}\n`);
      process.exit(2);
    }
    process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
