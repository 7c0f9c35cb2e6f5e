/**
 * The thin executing layer of a matrix and a bisect: for each version, install it into the target cache (ahead of
 * its turn, so installs overlap with gateway runs) and run the same smoke as `pnpm smoke --openclaw V`. Nothing here
 * judges: the report goes to classify.ts.
 */
import { entriesInUse } from "../target/prune.ts";
import { existsSync, readFileSync } from "node:fs";
import { readFile, readdir, rm } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import type { DiskRecord } from "../evidence/matrix-types.ts";
import { StepError, UsageError } from "../errors.ts";
import { newTracker, type ResolvedTarget, type Tracker } from "../run/run.ts";
import { compileCacheDir, harnessOpenclawDir, resolveTarget } from "../target/resolve.ts";
import type { Progress } from "../ui/progress.ts";
import { runOnce, type Session } from "../cli/session.ts";
import type { VersionOutcome } from "./classify.ts";
import { dirBytes } from "./disk.ts";

export interface VersionRunContext {
  session: Session;
  scenarios: string[];
  /** Where each version's report folder goes (<matrix folder>/versions). */
  reportDir: string;
  /** Report paths in the matrix document are relative to this folder. */
  matrixFolder: string;
  cacheDir: string;
  prune: boolean;
  disk: DiskWatch;
  /** An upgrade matrix: the build each release's home is bumped to (the head), the release being the base. */
  upgradeTo?: string | null;
}

/** The target cache's size, sampled after every install and before every prune, and what --prune removed. */
export interface DiskWatch {
  cacheDir: string;
  prune: boolean;
  startBytes: number;
  peakBytes: number;
  pruned: string[];
  /** Cache entries and compiled-code folders present before the run: --prune never removes those. */
  preexisting: Set<string>;
  sample(): Promise<void>;
  record(measure?: boolean): Promise<DiskRecord>;
}

export async function watchDisk(cacheDir: string, prune: boolean): Promise<DiskWatch> {
  const startBytes = await dirBytes(cacheDir);
  const list = async (d: string): Promise<string[]> => readdir(d).then((xs) => xs.map((x) => join(d, x)), () => []);
  const preexisting = new Set([...(await list(cacheDir)), ...(await list(join(compileCacheDir(cacheDir), "openclaw")))]);
  const w: DiskWatch = {
    cacheDir,
    prune,
    startBytes,
    peakBytes: startBytes,
    pruned: [],
    preexisting,
    async sample() {
      w.peakBytes = Math.max(w.peakBytes, await dirBytes(cacheDir));
    },
    async record(measure = true) {
      // After a signal the 10 s guard is running: no du then, the last sample stands for the end.
      const endBytes = measure ? await dirBytes(cacheDir) : w.peakBytes;
      return { cacheDir, prune, startBytes, peakBytes: Math.max(w.peakBytes, endBytes), endBytes, pruned: [...w.pruned] };
    },
  };
  return w;
}

/** A tracker of one version's run that also tells the session's tracker, so a signal still ends every process. */
export function childTracker(parent: Tracker): Tracker {
  const t = newTracker();
  const pids = t.pids;
  const starts = t.pidStarts;
  t.pids = new (class extends Set<number> {
    override add(v: number): this {
      parent.pids.add(v);
      return super.add(v);
    }
  })(pids);
  t.pidStarts = new (class extends Map<number, string | null> {
    override set(k: number, v: string | null): this {
      parent.pidStarts.set(k, v);
      return super.set(k, v);
    }
  })(starts);
  t.sandboxes = alsoPushedTo(t.sandboxes, parent.sandboxes);
  t.leftovers = alsoPushedTo(t.leftovers, parent.leftovers);
  return t;
}

/** The array, whose pushes also reach `parent`. */
function alsoPushedTo<T>(own: T[], parent: T[]): T[] {
  return new Proxy(own, {
    get(target, prop, receiver) {
      if (prop === "push") return (...xs: T[]) => (parent.push(...xs), target.push(...xs));
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

/** Every progress line of one version's run carries the version. */
export function prefixed(progress: Progress, prefix: string): Progress {
  return {
    info: (line) => progress.info(`${prefix} ${line}`),
    step: (label) => progress.step(`${prefix} ${label}`),
  };
}

/** The openclaw version the harness depends on, or null when it is not installed. */
export function pinnedVersion(): string | null {
  try {
    const pkg: unknown = JSON.parse(readFileSync(join(harnessOpenclawDir(), "package.json"), "utf8"));
    return typeof pkg === "object" && pkg !== null && "version" in pkg && typeof pkg.version === "string" ? pkg.version : null;
  } catch {
    return null;
  }
}

/** Installs (or finds) a version in the target cache, once, however many ask. */
export function installer(ctx: Pick<VersionRunContext, "cacheDir" | "disk">, progress: Progress): (version: string) => Promise<ResolvedTarget> {
  const started = new Map<string, Promise<ResolvedTarget>>();
  return (version) => {
    let p = started.get(version);
    if (!p) {
      // The release the harness pins is installed already (node_modules): used in place, never installed again.
      const spec = version === pinnedVersion() ? "default" : version;
      p = resolveTarget(spec, { cacheDir: ctx.cacheDir, nodeVersion: process.versions.node, onProgress: (l) => progress.info(`[${version}] ${l}`) }).then((t) => {
        // Sampled in the background: the run does not wait for du.
        if (!t.cached) void ctx.disk.sample().catch(() => undefined);
        return t;
      });
      p.catch(() => undefined);
      started.set(version, p);
    }
    return p;
  };
}

/** Why a version could not be installed or accepted: engines or a missing client → not-applicable; the rest → broken. Pure. */
export function installFailure(err: unknown): { class: "broken" | "not-applicable"; reason: string; logTail: string | null } {
  const msg = err instanceof Error ? err.message : String(err);
  if (err instanceof UsageError && /needs Node|does not ship/.test(msg)) return { class: "not-applicable", reason: msg.split(". ")[0] ?? msg, logTail: null };
  if (err instanceof StepError) return { class: "broken", reason: msg, logTail: err.detail.logTail ?? null };
  return { class: "broken", reason: msg.split("\n")[0] ?? msg, logTail: null };
}

async function tail(file: string, lines = 30): Promise<string> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.split("\n").filter((l) => l.trim()).slice(-lines).join("\n");
}

/** One version: install (or take the prefetched install), the smoke, then --prune. Never throws but for a signal. */
export async function runVersion(ctx: VersionRunContext, version: string, install: (v: string) => Promise<ResolvedTarget>, label: string): Promise<VersionOutcome> {
  const { session } = ctx;
  const progress = prefixed(session.progress, `[${version}]`);
  session.progress.info(`${label}: openclaw ${version}`);
  const t0 = Date.now();
  let target: ResolvedTarget;
  try {
    target = await install(version);
  } catch (err) {
    const failure = installFailure(err);
    progress.info(`${failure.class}: ${failure.reason}`);
    return { version, failure, provisionMs: Date.now() - t0 };
  }
  // An upgrade matrix runs the release as the base of an upgrade to its target (the head): the smoke's --upgrade-from.
  const to = ctx.upgradeTo ?? null;
  const opts = { ...session.opts, openclaw: to ?? version, upgradeFrom: to ? version : null, scenarios: ctx.scenarios, reportDir: ctx.reportDir, json: false, markdown: null, ctrf: null };
  const tracker = childTracker(session.tracker);
  try {
    // The version's report names the smoke that reproduces it, not the matrix that ran it.
    const command = `corepack pnpm smoke --openclaw ${to ? `${to} --upgrade-from ${version}` : version} ${ctx.scenarios.map((s) => `--scenario ${s}`).join(" ")}`;
    const resolveBuild = async (spec: string): Promise<ResolvedTarget> => (to && spec === to && spec !== version ? install(to) : target);
    const { report, folder } = await runOnce({ ...session, opts, progress, tracker, command, resolveTarget: resolveBuild }, "smoke");
    const broken = report.targets[0]?.scenarios.some((s) => s.status === "not-run") ?? true;
    const logTail = broken ? (await Promise.all(report.logs.map((l) => tail(join(folder, l))))).filter(Boolean).join("\n") || null : null;
    progress.info(`${report.status} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return { version, report, reportPath: relative(ctx.matrixFolder, join(folder, "report.json")), logTail };
  } catch (err) {
    if (session.controller.signal.aborted) throw err;
    const msg = err instanceof StepError ? err.describe() : err instanceof Error ? err.message : String(err);
    return { version, failure: { class: "broken", reason: msg.split("\n")[0] ?? msg, logTail: msg.split("\n").slice(1).join("\n") || null }, provisionMs: target.provisionMs };
  } finally {
    if (ctx.prune) await pruneInstalled(ctx, target);
  }
}

/** --prune: remove the cache entry and compiled code of a version this run installed (never one that was there before). */
async function pruneInstalled(ctx: VersionRunContext, target: ResolvedTarget): Promise<void> {
  await ctx.disk.sample();
  const entry = dirname(dirname(target.path));
  if (dirname(entry) !== ctx.cacheDir || ctx.disk.preexisting.has(entry)) return;
  const compiled = join(compileCacheDir(ctx.cacheDir), "openclaw", target.version);
  // Another run (a second matrix, a smoke) may be using the same install: leave it to `cache prune` later.
  if ((await entriesInUse(ctx.cacheDir, [basename(entry)])).size > 0) {
    ctx.session.progress.info(`--prune: left ${basename(entry)} in place, a running process uses it`);
    return;
  }
  await rm(entry, { recursive: true, force: true });
  if (existsSync(compiled) && !ctx.disk.preexisting.has(compiled)) await rm(compiled, { recursive: true, force: true });
  ctx.disk.pruned.push(target.version);
}
