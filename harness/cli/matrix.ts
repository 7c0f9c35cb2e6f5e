/** `pnpm matrix`, `pnpm matrix merge` and `pnpm matrix --list`: plan, run the versions (matrix/run.ts), render. */
import { missingVersionOutcomes } from "../matrix/merge.ts";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { arch, availableParallelism, cpus, platform, release, totalmem } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { UsageError } from "../errors.ts";
import type { MatrixDocument, VersionList } from "../evidence/matrix-types.ts";
import type { HostInfo } from "../evidence/types.ts";
import { validateReport } from "../evidence/validate.ts";
import { validateMatrix } from "../evidence/validate-matrix.ts";
import type { VersionOutcome } from "../matrix/classify.ts";
import { buildMatrix, scenariosOf, type DocumentMeta } from "../matrix/document.ts";
import { defaultMatrixScenarios } from "../matrix/plan.ts";
import { installer, pinnedVersion, runVersion, watchDisk, type VersionRunContext } from "../matrix/run.ts";
import { parseVersionList, selectVersions, versionListRecord, type VersionSelection } from "../matrix/versions.ts";
import { loadCatalog } from "../plan/catalog.ts";
import { planRun } from "../plan/plan.ts";
import { validateCatalog } from "../plan/validate-catalog.ts";
import { renderMatrixCtrf } from "../render/matrix-ctrf.ts";
import { renderMatrixDetails, renderMatrixMarkdown } from "../render/matrix-markdown.ts";
import { renderMatrixTerminal } from "../render/matrix-terminal.ts";
import { appendJobSummary } from "../render/job-summary.ts";
import { mapLimit } from "../run/limit.ts";
import { availableMemoryBytes, gatewaySlots } from "../run/memory.ts";
import { newRunId } from "../run/run.ts";
import { defaultCacheDir } from "../target/resolve.ts";
import { findCachedRegistryVersion } from "../target/cache.ts";
import { npmViewVersions } from "../target/npm.ts";
import { HARNESS } from "../version.ts";
import { changes } from "../../scenarios/changes.ts";
import { defaultConcurrency } from "./args.ts";
import { ensureWritableDir } from "./paths.ts";
import { SIGNAL_EXIT, type Session } from "./session.ts";

export function hostInfo(): HostInfo {
  return { os: platform(), release: release(), arch: arch(), cpus: cpus().length, memoryBytes: totalmem(), harnessNode: process.version };
}

/** The registry's version list, read once per run (npm view, HOME sandboxed under the cache dir). */
export async function registryVersions(cacheDir: string): Promise<{ all: string[]; fetchedAt: string }> {
  await mkdir(cacheDir, { recursive: true });
  const home = await mkdtemp(join(cacheDir, ".tmp-view-"));
  try {
    const fetchedAt = new Date().toISOString();
    return { all: parseVersionList(await npmViewVersions({ sandboxHome: home })), fetchedAt };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** <report dir>/<run id>/ for a matrix, merge or bisect (the report dir checked first: exit 2 on a bad one). */
export async function runFolder(session: Session, mode: string, started: Date): Promise<{ runId: string; folder: string }> {
  const root = resolve(session.opts.reportDir);
  await ensureWritableDir(root);
  const runId = newRunId(mode, started);
  const folder = join(root, runId);
  await mkdir(folder, { recursive: true });
  return { runId, folder };
}

/** The document's frame for smokes run here (matrix, bisect): ends now, with the disk record of the run. */
export async function localMeta(session: Session, runId: string, started: Date, versionList: VersionList, ctx: VersionRunContext): Promise<DocumentMeta> {
  return { runId, command: session.command, source: "local", harness: HARNESS, host: hostInfo(), startedAt: started.toISOString(), finishedAt: new Date().toISOString(), versionList, disk: await ctx.disk.record(!session.controller.signal.aborted) };
}

/** An upgrade matrix's default column: the core handoff on the release's home, the bump, the handoff again. */
export const UPGRADE_MATRIX_SCENARIO = "upgrade-live-home";

/** The scenario columns: --scenario as given (checked against the catalog), else the matrix default set; plus added controls. */
export async function matrixColumns(session: Session): Promise<string[]> {
  const catalog = await loadCatalog();
  validateCatalog(catalog, changes);
  const upgradeTo = session.opts.matrix.upgradeTo;
  const ids = session.opts.scenarios.length ? session.opts.scenarios : upgradeTo ? [UPGRADE_MATRIX_SCENARIO] : defaultMatrixScenarios(catalog, changes);
  const upgrade = catalog.find((s) => s.group === "upgrade" && ids.includes(s.id));
  if (upgrade && !upgradeTo) throw new UsageError(`${upgrade.id} spans two builds, and a release matrix runs one build per release`, `Add --upgrade-to <build> for an upgrade matrix (each release's home bumped to that build), or run \`corepack pnpm smoke --scenario ${upgrade.id} --upgrade-from <base>\``);
  const plain = catalog.find((s) => s.group !== "upgrade" && ids.includes(s.id));
  if (plain && upgradeTo) throw new UsageError(`an upgrade matrix runs upgrade scenarios, and ${plain.id} is not one`, `Drop --scenario ${plain.id} (the default is ${UPGRADE_MATRIX_SCENARIO}), or drop --upgrade-to`);
  return planRun(catalog, { mode: "smoke", scenarioIds: ids, openclaw: null, base: null, head: null, keep: false, concurrency: 1 }).scenarioIds;
}

export function selection(session: Session): VersionSelection {
  const m = session.opts.matrix;
  return { from: m.from, to: m.to, versions: m.versions, prereleases: m.prereleases };
}

/** A version run's context: reports under <folder>/versions, the shared target cache, its disk watch. */
export async function versionContext(session: Session, scenarios: string[], folder: string): Promise<VersionRunContext> {
  const cacheDir = defaultCacheDir(process.env);
  // Made here, once: versions that start together must not race to create it.
  await mkdir(join(folder, "versions"), { recursive: true });
  return { session, scenarios, reportDir: join(folder, "versions"), matrixFolder: folder, cacheDir, prune: session.opts.matrix.prune, disk: await watchDisk(cacheDir, session.opts.matrix.prune), upgradeTo: session.opts.matrix.upgradeTo };
}

/**
 * Installs run this many versions ahead of the gateways: an install (150-230 s on a busy 2-core machine) takes longer
 * than a version's smoke, so two at once keep the gateways fed. With --prune the cache then holds at most
 * versions-at-once + INSTALLS_AHEAD targets this run installed (harness/matrix/README.md).
 */
export const INSTALLS_AHEAD = 2;

/**
 * A first start of a build also finishes its lifecycle and fills the compile cache, beside the next version's install:
 * measured at 72-98 s to hello-ok on a busy 2-core machine. A matrix waits up to 240 s unless --ready-timeout says.
 */
export const MATRIX_READY_TIMEOUT_MS = 240_000;

/** The agent-tool runtime loads OpenClaw's agent harness: 35-61 s seen beside a gateway start on a busy 2-core machine. */
export const MATRIX_RUNTIME_TIMEOUT_MS = 180_000;

/** Scenarios per version run as a smoke would run them (the matrix's --concurrency is versions at once). */
export function perVersionSession(session: Session): Session {
  const o = session.opts;
  return { ...session, opts: { ...o, concurrency: defaultConcurrency(availableParallelism()), readyTimeoutMs: o.readyTimeoutMs ?? MATRIX_READY_TIMEOUT_MS, runtimeTimeoutMs: o.runtimeTimeoutMs ?? MATRIX_RUNTIME_TIMEOUT_MS } };
}

/**
 * Versions at once: as many gateways as cores and MemAvailable allow (as the proof decides), less one core for the
 * install that runs ahead; at least one. Pure.
 */
export function versionsAtOnce(memoryBytes: number, versions: number, cores: number): number {
  return Math.max(1, Math.min(gatewaySlots(memoryBytes, versions, cores), cores - 1));
}

export async function runMatrixCommand(session: Session): Promise<number> {
  if (session.opts.matrix.merge) return runMerge(session, session.opts.matrix.merge);
  const started = new Date();
  const columns = await matrixColumns(session);
  const cacheDir = defaultCacheDir(process.env);
  const { all, fetchedAt } = await registryVersions(cacheDir);
  const sel = selection(session);
  const versions = selectVersions(all, sel);
  if (session.opts.matrix.list) {
    const list = { versions, scenarios: columns, fetchedAt };
    process.stdout.write(session.opts.json ? `${JSON.stringify(list)}\n` : `${versions.join("\n")}\n`);
    return 0;
  }
  const { runId, folder } = await runFolder(session, "matrix", started);
  const ctx = await versionContext(perVersionSession(session), columns, folder);
  const atOnce = session.opts.matrix.versionsAtOnce ?? versionsAtOnce(await availableMemoryBytes(), versions.length, availableParallelism());
  session.progress.info(`${versions.length} version(s) of openclaw (${versions[0]} … ${versions.at(-1)}), ${atOnce} at once, scenarios: ${columns.join(", ")}`);
  const install = installer(ctx, session.progress);
  const pinned = pinnedVersion();
  // An upgrade matrix's target first: a bad one exits 2 before any release runs, and every row reuses its install.
  const upgradeTo = ctx.upgradeTo ? (await install(ctx.upgradeTo)).version : undefined;
  const outcomes = await mapLimit(versions, atOnce, async (v, i) => {
    // The next versions that still need an install get it while this one's gateway runs (network-bound, at most
    // INSTALLS_AHEAD of them: what --prune's bound counts); versions already in the cache need none.
    const pending = versions.slice(i + atOnce).filter((x) => x !== pinned && !findCachedRegistryVersion(ctx.cacheDir, x));
    for (const ahead of pending.slice(0, INSTALLS_AHEAD)) if (!session.controller.signal.aborted) void install(ahead).catch(() => undefined);
    if (session.controller.signal.aborted) return { version: v, failure: { class: "broken" as const, reason: `not run: ${String(session.controller.signal.reason)}`, logTail: null }, provisionMs: null };
    return runVersion(ctx, v, install, `version ${i + 1} of ${versions.length}`);
  });
  const doc = buildMatrix(outcomes, columns, changes, { ...(await localMeta(session, runId, started, versionListRecord(all, sel, versions, fetchedAt), ctx)), ...(upgradeTo ? { upgradeTo } : {}) });
  await writeMatrixOutputs(session, doc, folder);
  if (session.controller.signal.aborted) return SIGNAL_EXIT[String(session.controller.signal.reason)] ?? 1;
  return doc.summary.exitCode;
}

/** Read one smoke's report.json for a merge: it must be a schema-valid single-target smoke. */
async function readSmokeReport(path: string): Promise<VersionOutcome> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    throw new UsageError(`cannot read ${path} as JSON (${err instanceof Error ? err.message.split("\n")[0] : String(err)})`, "Pass the report.json files the smokes wrote");
  }
  const v = validateReport(doc);
  if (!v.ok) throw new UsageError(`${path} is not a report of this harness (${v.errors.slice(0, 2).join("; ")})`, "Pass report.json files written by `pnpm smoke` of this harness version");
  const report = v.report;
  const target = report.targets[0];
  if (report.mode !== "smoke" || report.targets.length !== 1 || !target) throw new UsageError(`${path} is a ${report.mode} report with ${report.targets.length} target(s)`, "Merge single-version smokes (`pnpm smoke --openclaw V`)");
  const broken = target.scenarios.some((s) => s.status === "not-run");
  const logTail = broken ? (await Promise.all(report.logs.map((l) => readFile(join(dirname(path), l), "utf8").catch(() => "")))).join("\n").split("\n").filter((l) => l.trim()).slice(-30).join("\n") || null : null;
  // An upgrade smoke's row is the release its home was made by; its target is the build it was bumped to.
  return { version: report.upgradeBase?.version ?? target.target.version, report, reportPath: path, logTail };
}

/** The build merged upgrade smokes were bumped to (one for all), undefined for release smokes; mixing them exits 2. */
function mergedUpgradeTarget(outcomes: readonly VersionOutcome[], paths: readonly string[]): string | undefined {
  const reports = outcomes.flatMap((o) => ("report" in o ? [o.report] : []));
  const heads = new Set(reports.map((r) => (r.upgradeBase ? (r.targets[0]?.target.version ?? "?") : null)));
  if (heads.size > 1) throw new UsageError(`these reports are not one matrix: ${[...heads].map((h) => (h === null ? "release smokes" : `upgrades to ${h}`)).join(" and ")}`, `Merge the smokes of one matrix (${paths.length} given)`);
  return [...heads][0] ?? undefined;
}

/** `pnpm matrix merge <report.json…>`: the same document, table, matrix.md and CTRF as a local matrix of those versions. */
export async function runMerge(session: Session, paths: string[]): Promise<number> {
  const started = new Date();
  const outcomes = await Promise.all(paths.map((p) => readSmokeReport(resolve(p))));
  const seen = new Map<string, string>();
  for (const [i, o] of outcomes.entries()) {
    const dup = seen.get(o.version);
    if (dup) throw new UsageError(`${paths[i]} and ${dup} are both reports of openclaw ${o.version}`, "Pass one report per version");
    seen.set(o.version, paths[i] as string);
  }
  outcomes.push(...missingVersionOutcomes(session.opts.matrix.versions, outcomes));
  const { runId, folder } = await runFolder(session, "merge", started);
  for (const o of outcomes) if ("report" in o && o.reportPath) o.reportPath = relative(folder, o.reportPath);
  const versions = outcomes.map((o) => o.version);
  const versionList: VersionList = { source: "reports", fetchedAt: null, all: [], prereleases: false, from: null, to: null, explicit: null, selected: [...versions].sort() };
  const upgradeTo = mergedUpgradeTarget(outcomes, paths);
  const doc = buildMatrix(outcomes, scenariosOf(outcomes), changes, { runId, command: session.command, source: "merge", harness: HARNESS, host: hostInfo(), startedAt: started.toISOString(), finishedAt: new Date().toISOString(), versionList, disk: null, ...(upgradeTo ? { upgradeTo } : {}) });
  doc.versionList.selected = doc.versions.map((v) => v.version);
  await writeMatrixOutputs(session, doc, folder);
  return doc.summary.exitCode;
}

/** matrix.json (schema-checked first), matrix.md (under the PR budget), matrix-details.md, ctrf.json; the table or the JSON on stdout; matrix-details.md into the job summary. */
export async function writeMatrixOutputs(session: Session, doc: MatrixDocument, folder: string): Promise<void> {
  const v = validateMatrix(doc);
  if (!v.ok) throw new Error(`the matrix document does not match harness/evidence/matrix.schema.json: ${v.errors.slice(0, 5).join("; ")}`);
  const newest = doc.versions.find((x) => x.runId === doc.newest?.runId)?.report ?? null;
  const markdown = renderMatrixMarkdown(doc, { newestReportPath: newest });
  const details = renderMatrixDetails(doc, { newestReportPath: newest });
  await writeFile(join(folder, "matrix.json"), `${JSON.stringify(doc, null, 2)}\n`);
  await writeFile(join(folder, "matrix.md"), markdown);
  await writeFile(join(folder, "matrix-details.md"), details);
  await writeFile(join(folder, "ctrf.json"), `${JSON.stringify(renderMatrixCtrf(doc), null, 2)}\n`);
  if (session.opts.json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  else process.stdout.write(`\n${renderMatrixTerminal(doc, { color: Boolean(process.stdout.isTTY) })}\nmatrix: ${join(folder, "matrix.json")}\n`);
  if (await appendJobSummary(details, process.env)) session.progress.info("appended matrix-details.md to GITHUB_STEP_SUMMARY");
}
