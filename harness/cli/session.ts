/** One CLI session: running a smoke or proof once and rendering its outputs. Shared by smoke, proof, soak and bench. */
import { writeFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { ensureWritableDir, ensureWritableParent } from "./paths.ts";
import { createRedactor } from "../evidence/redact.ts";
import { loadCatalog } from "../plan/catalog.ts";
import { requiredForProof, validateCatalog } from "../plan/validate-catalog.ts";
import { checkFaults, planRun, type RunPlan } from "../plan/plan.ts";
import { changes } from "../../scenarios/changes.ts";
import { renderTerminal } from "../render/terminal.ts";
import { writeProofMarkdown } from "./outputs.ts";
import { renderCtrf } from "../render/ctrf.ts";
import { compileCacheDir, defaultCacheDir, resolveTarget } from "../target/resolve.ts";
import type { Progress } from "../ui/progress.ts";
import { executeRun, provisionTargets, type RunDeps, type Tracker } from "../run/run.ts";
import type { Report } from "../evidence/types.ts";
import type { CliOptions } from "./args.ts";
import { LANES } from "./lanes.ts";

export const SIGNAL_EXIT: Record<string, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143, SIGPIPE: 141 };

export interface Session {
  opts: CliOptions;
  progress: Progress;
  tracker: Tracker;
  controller: AbortController;
  command: string;
  /** How targets are resolved (default: resolveTarget on the target cache); a matrix passes its prefetched installs. */
  resolveTarget?: RunDeps["resolveTarget"];
}

/** One smoke or proof run: plan, provision, execute, render. Returns the report and where it is. */
export async function runOnce(session: Session, mode: "smoke" | "proof"): Promise<{ report: Report; folder: string }> {
  const { opts, progress } = session;
  const catalog = await loadCatalog();
  validateCatalog(catalog, changes);
  const plan: RunPlan = planRun(catalog, {
    mode,
    requiredForProof: requiredForProof(changes),
    scenarioIds: opts.scenarios,
    openclaw: opts.openclaw,
    base: opts.base,
    head: opts.head,
    upgradeFrom: opts.upgradeFrom,
    upgrade: opts.upgrade,
    keep: opts.keep,
    concurrency: opts.concurrency,
    timeouts: {
      ...(opts.readyTimeoutMs ? { gatewayReadyMs: opts.readyTimeoutMs } : {}),
      ...(opts.runtimeTimeoutMs ? { runtimeProcessMs: opts.runtimeTimeoutMs } : {}),
    },
  });
  checkFaults(plan, opts.faults);
  // Loaded only for --strength: a plain smoke does not pay for the strength run's modules at start-up.
  const strength = opts.strength ? await strengthDeps(catalog, opts) : null;
  for (const c of plan.addedControls) progress.info(`added positive control ${c.id}: ${c.for.join(", ")} count only if it passes on the same gateway`);
  const deps: RunDeps = {
    progress,
    reportRoot: resolve(opts.reportDir),
    command: session.command,
    signal: session.controller.signal,
    redactor: createRedactor([]),
    nodePath: process.execPath,
    compileCacheDir: compileCacheDir(defaultCacheDir(process.env)),
    changes,
    tracker: session.tracker,
    lanes: LANES,
    faults: opts.faults,
    ...(strength ? { extension: strength } : {}),
    resolveTarget: session.resolveTarget ?? ((spec, onProgress) => resolveTarget(spec, { cacheDir: defaultCacheDir(process.env), nodeVersion: process.versions.node, onProgress })),
  };
  // Every output path is checked before anything starts (exit 2, one line), not after the run.
  await ensureWritableDir(deps.reportRoot);
  for (const [flag, path] of [["--markdown", opts.markdown], ["--ctrf", opts.ctrf], ["--profile-out", opts.profileOut]] as const) if (path) await ensureWritableParent(flag, path);
  const targets = await provisionTargets(plan, deps);
  return executeRun(plan, deps, targets);
}

/** The mutant catalog, checked against the scenarios (exit 2 on a problem), as the run's strength extension. */
async function strengthDeps(catalog: Awaited<ReturnType<typeof loadCatalog>>, opts: CliOptions): Promise<NonNullable<RunDeps["extension"]>> {
  const [{ loadMutants, validateMutants }, { strengthExtension }] = await Promise.all([import("../plan/mutant-catalog.ts"), import("../strength/run.ts")]);
  const mutants = await loadMutants();
  validateMutants(mutants, catalog);
  return strengthExtension({ mutants, catalog, breakAt: opts.strengthBreak, everyCatcher: opts.scenarios.length === 0 });
}

export async function emitOutputs(opts: CliOptions, report: Report, folder: string, progress: Progress): Promise<void> {
  const reportPath = `${folder}/report.json`;
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`\n${renderTerminal(report, { color: Boolean(process.stdout.isTTY) })}\n`);
  // The proof is pasted into a PR: name the report as the artifact has it, not by this machine's path.
  const { pr, summary } = await writeProofMarkdown(report, folder, pathForOthers(reportPath), opts.markdown, process.env);
  const ctrf = `${JSON.stringify(renderCtrf(report), null, 2)}\n`;
  await writeFile(`${folder}/ctrf.json`, ctrf);
  if (opts.ctrf) await writeFile(opts.ctrf, ctrf);
  if (summary) progress.info("appended proof.md and proof-details.md to GITHUB_STEP_SUMMARY");
  if (opts.markdown) progress.info(`wrote ${opts.markdown} (${pr.length} characters, for a PR) and its details beside it`);
  // With --json, stdout is the report alone; where it lies still goes to the terminal.
  (opts.json ? process.stderr : process.stdout).write(`report: ${reportPath}\n`);
}


/** `reports/<id>/report.json` when the report sits under the working directory, else the path as given. */
export function pathForOthers(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
