import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { arch, availableParallelism, cpus, platform, release, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import type { HygieneCheck, Report, TargetInfo, TargetRun } from "../evidence/types.ts";
import { REPORT_SCHEMA_VERSION } from "../evidence/types.ts";
import { checkFiles, checkNetwork, checkPorts, checkProcesses, type NetworkResource } from "../hygiene/checks.ts";
import { verifyLockNaming } from "../hygiene/lock-naming.ts";
import { processStart } from "../hygiene/pid-identity.ts";
import { isListening, listFiles, processesMentioning, remainingNetwork, trackedStillRunning } from "../hygiene/probe.ts";
import { openclawTempEntries, removeEmptyCreated, sharedPlaces, snapshot, SNAPSHOT_DEPTH } from "../hygiene/snapshot.ts";
import { compareRuns, preflight } from "../judge/compare.ts";
import { changesForRun } from "../plan/validate-catalog.ts";
import { finishReport } from "./finish.ts";
import type { DeclaredChanges } from "../plan/changes-types.ts";
import type { RunPlan } from "../plan/plan.ts";
import type { Progress } from "../ui/progress.ts";
import { NO_FAULTS, type Faults, type Redactor } from "./context.ts";
import type { RunningGateway } from "../gateway/gateway.ts";
import { runTarget } from "./target-run.ts";
import type { Lane } from "./lane.ts";
import { mergeReaped, NOTHING_REAPED, reapCheck, reapItem, reapLine, reapRunFolders, type ReapResult } from "../hygiene/reap.ts";
import { reapNetns } from "../netns/owners.ts";
import { createSlots } from "./limit.ts";
import { availableMemoryBytes, gatewaySlots } from "./memory.ts";
import { HARNESS } from "../version.ts";
import type { RunLocks } from "../hygiene/locks.ts";
import { endPhase, timed } from "./phases.ts";

export type ResolvedTarget = TargetInfo & { provisionMs: number; cached: boolean };

export interface RunDeps {
  progress: Progress;
  reportRoot: string;
  command: string;
  signal: AbortSignal;
  redactor: Redactor;
  nodePath: string;
  /** Persistent V8 compile cache for the children (see sandbox/layout.ts compileCacheEnv); none when absent. */
  compileCacheDir?: string | null;
  changes: DeclaredChanges;
  resolveTarget(spec: string, onProgress: (line: string) => void): Promise<ResolvedTarget>;
  onGatewayReady?: (g: RunningGateway) => void;
  faults?: Faults;
  /** Shared with the caller so that a signal handler can end what was started. */
  tracker?: Tracker;
  /** The lanes that run the plan's groups (cli/lanes.ts). */
  lanes: readonly Lane[];
  /** More work in the same run once the plan's targets are done (a strength run): same tracking, folder and hygiene. */
  extension?: RunExtension;
}

/** What an extension of a run may use: the run's targets, and a runner that shares its tracking and folder. */
export interface RunExtensionContext {
  plan: RunPlan;
  /** The plan's targets and what their runs found. */
  targets: ReadonlyArray<{ role: TargetRun["role"]; target: ResolvedTarget; run: TargetRun }>;
  /**
   * Run groups against builds (each its gateway), as runTarget does for the plan's own targets: all at once, as far as
   * gateway slots sized for them by the memory rule allow (the plan's targets are done by then).
   */
  runBuilds(builds: ReadonlyArray<ExtensionBuild>): Promise<Array<{ run: TargetRun; aborted: string | null }>>;
  /** A temp folder the extension made: removed by the exit cleanup and named by the process check. */
  trackSandbox(root: string): void;
  progress: Progress;
  signal: AbortSignal;
}

/** One build an extension runs groups against. */
export interface ExtensionBuild {
  label: string;
  target: TargetInfo;
  plan: RunPlan;
  clientBuilds?: Readonly<Record<string, string>>;
  compileCacheDir?: string | null;
}

export interface RunExtension {
  run(ctx: RunExtensionContext): Promise<{ report: Pick<Report, "strength">; hygiene: HygieneCheck[] }>;
}

export interface Tracker {
  pids: Set<number>;
  /** Each tracked PID's start time when tracked (null: already gone), so that a reused PID is never taken for ours. */
  pidStarts: Map<number, string | null>;
  ports: Set<number>;
  sandboxes: string[];
  /** Network namespaces and links the run created (or was about to create). */
  network: NetworkResource[];
  /** Ids under which a lane keeps objects of its own (the Compose lane: its Docker objects' run label). */
  leftovers: LaneLeftoverId[];
}

export interface LaneLeftoverId {
  lane: string;
  id: string;
}

export function newTracker(): Tracker {
  return { pids: new Set(), pidStarts: new Map(), ports: new Set(), sandboxes: [], network: [], leftovers: [] };
}

/** Track a PID the harness started, with its start time. */
export function trackPid(tracker: Tracker, pid: number): void {
  tracker.pids.add(pid);
  tracker.pidStarts.set(pid, processStart(pid));
}

export function newRunId(mode: string, now = new Date()): string {
  return `${now.toISOString().replace(/[-:]/g, "").replace(/\..+$/, "")}-${mode}-${randomBytes(3).toString("hex")}`;
}

/**
 * Resolve (and if needed install) every target before anything is created, so bad input leaves nothing behind; a
 * smoke's upgrade base last (a proof's is its base target). The upgrade base, when there is one, follows the targets.
 */
export async function provisionTargets(plan: RunPlan, deps: Pick<RunDeps, "progress" | "resolveTarget">): Promise<ResolvedTarget[]> {
  const extra = plan.upgradeBase !== null && plan.mode === "smoke" ? [plan.upgradeBase] : [];
  return Promise.all([...plan.targets.map((t) => t.spec), ...extra].map((spec) => provision(spec, deps)));
}

function withUpgradeBase(base: TargetInfo | null): { upgradeBase?: TargetInfo } {
  return base ? { upgradeBase: base } : {};
}

/** The base every target's upgrade scenarios start from: the proof's base target, or the smoke's upgrade base. */
function upgradeBaseOf(plan: RunPlan, targets: readonly ResolvedTarget[]): TargetInfo | null {
  if (plan.upgradeBase === null) return null;
  const at = plan.mode === "proof" ? plan.targets.findIndex((t) => t.role === "base") : plan.targets.length;
  return stripResolved(targets[at] as ResolvedTarget);
}

/** Execute a plan end to end and write reports/<run-id>/report.json (schema-checked). */
export async function executeRun(plan: RunPlan, deps: RunDeps, targets: ResolvedTarget[]): Promise<{ report: Report; folder: string }> {
  const started = new Date();
  // The schema compiles (~80 ms of CPU) while the gateways start, not after they stop.
  const validation = import("../evidence/validate.ts");
  validation.catch(() => undefined);
  const runId = newRunId(plan.mode, started);
  const folder = join(deps.reportRoot, runId);
  await mkdir(folder, { recursive: true });
  // Before anything is made: what runs whose harness is gone left behind goes (never a live run's).
  const reaped = await timed("hygiene", () => reapDeadRuns(deps.lanes));
  deps.progress.info(reapLine(reaped, tmpdir()));
  const uid = typeof process.getuid === "function" ? process.getuid() : 0;
  const places = sharedPlaces(uid, tmpdir());
  const tmpRoots = [...new Set(["/tmp", tmpdir()])];
  const tmpEntries = await openclawTempEntries(tmpRoots);
  const before = await snapshot([...places, ...tmpEntries]);
  const tracker = deps.tracker ?? newTracker();
  const { ports, sandboxes } = tracker;
  const track = {
    trackPid: (p: number) => trackPid(tracker, p),
    trackPort: (p: number) => void ports.add(p),
    trackSandbox: (r: string) => void sandboxes.push(r),
    trackNetwork: (created: NetworkResource[]) => void tracker.network.push(...created),
    trackLeftovers: (lane: string, id: string) => void tracker.leftovers.push({ lane, id }),
    ...(deps.onGatewayReady ? { onGatewayReady: deps.onGatewayReady } : {}),
  };

  const slots = await sizedSlots(plan.targets.length * plan.groups.length, deps.progress);
  const upgradeBase = upgradeBaseOf(plan, targets);
  const runs = await Promise.all(
    plan.targets.map((t, i) =>
      runTarget({ ...withUpgradeBase(upgradeBase), gatewaySlots: slots, compileCacheDir: deps.compileCacheDir ?? null, role: t.role, target: stripResolved(targets[i] as ResolvedTarget), provisionMs: (targets[i] as ResolvedTarget).provisionMs, nodePath: deps.nodePath, plan, redactor: deps.redactor, progress: deps.progress, reportFolder: folder, signal: deps.signal, track, lanes: deps.lanes, faults: deps.faults ?? NO_FAULTS }),
    ),
  );
  const targetRuns: TargetRun[] = runs.map((r) => r.run);
  const extensionLocks: RunLocks[] = [];
  const shared = { nodePath: deps.nodePath, redactor: deps.redactor, progress: deps.progress, reportFolder: folder, signal: deps.signal, track, lanes: deps.lanes, faults: deps.faults ?? NO_FAULTS };
  const extended = deps.extension && !deps.signal.aborted
    ? await deps.extension.run({
        plan,
        targets: plan.targets.map((t, i) => ({ role: t.role, target: targets[i] as ResolvedTarget, run: targetRuns[i] as TargetRun })),
        runBuilds: async (builds) => {
          const gatewaySlotsNow = await sizedSlots(builds.reduce((n, b) => n + b.plan.groups.length, 0), deps.progress);
          return Promise.all(
            builds.map(async (o) => {
              const r = await runTarget({ ...shared, gatewaySlots: gatewaySlotsNow, role: "head", label: o.label, target: o.target, provisionMs: 0, plan: o.plan, compileCacheDir: o.compileCacheDir ?? deps.compileCacheDir ?? null, ...(o.clientBuilds ? { clientBuilds: o.clientBuilds } : {}) });
              extensionLocks.push(...r.locks);
              return { run: r.run, aborted: r.aborted };
            }),
          );
        },
        trackSandbox: track.trackSandbox,
        progress: deps.progress,
        signal: deps.signal,
      })
    : null;
  const aborted = deps.signal.aborted ? `harness received ${String(deps.signal.reason)}` : (runs.find((r) => r.aborted)?.aborted ?? null);
  const base = targetRuns.find((t) => t.role === "base");
  const head = targetRuns.find((t) => t.role === "head");
  const changes = changesForRun(deps.changes, plan.notSelected);
  const comparison = base && head ? compareRuns(base, head, changes) : null;
  const pre = base && head ? preflight(base, head, changes) : null;

  const hygieneAt = performance.now();
  const cleaned = await removeEmptyCreated(before, places);
  const locks = [...runs.flatMap((r) => r.locks), ...extensionLocks];
  const after = await snapshot([...places, ...new Set([...tmpEntries, ...(await openclawTempEntries(tmpRoots))])]);
  const files0 = checkFiles(before, after, locks.flatMap((l) => l.hashes), { places, depth: SNAPSHOT_DEPTH, tmpRoots }, verifyLockNaming(before, locks));
  const removedLocks = locks.flatMap((l) => l.removed);
  if (removedLocks.length) files0.detail += `; removed this run's ${removedLocks.length} lock file(s) that the target left in ${dirname(removedLocks[0] as string)}`;
  if (cleaned.length) files0.detail += `; removed empty ${cleaned.join(", ")} that the target created outside the sandbox`;
  const hygiene: HygieneCheck[] = [
    checkProcesses(await processesMentioning(sandboxes), await trackedStillRunning(tracker.pidStarts), tracker.pidStarts.size),
    files0,
    checkPorts((await Promise.all([...ports].map(async (p) => ((await isListening(p)) ? p : null)))).filter((p): p is number => p !== null), ports.size),
    checkNetwork(tracker.network, await remainingNetwork(tracker.network)),
    ...(await laneLeftoverChecks(deps.lanes, tracker.leftovers)),
    reapCheck(reaped),
    ...(extended?.hygiene ?? []),
  ];
  endPhase("hygiene", hygieneAt);
  const files = await listFiles(folder);
  const finished = new Date();
  const draft: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    runId,
    command: deps.command,
    mode: plan.mode,
    status: "passed",
    abortReason: aborted,
    harness: HARNESS,
    host: { os: platform(), release: release(), arch: arch(), cpus: cpus().length, memoryBytes: totalmem(), harnessNode: process.version },
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    timings: { totalMs: finished.getTime() - started.getTime() },
    resources: { harnessPeakRssBytes: process.resourceUsage().maxRSS * 1024 },
    targets: targetRuns,
    notSelected: plan.notSelected,
    ...withUpgradeBase(upgradeBase),
    comparison,
    preflight: pre,
    hygiene,
    change: { fix: deps.changes.fix, problem: deps.changes.problem },
    logs: files.filter((f) => f.endsWith(".log")).sort(),
    quarantine: null,
    ...extended?.report,
  };
  const report = await timed("render and write", async () => finishReport(folder, files, draft, deps.redactor, (await validation).validateReport));
  return { report, folder };
}

/** Slots for `wanted` gateways: as many at once as memory and cores allow (the memory rule), said when fewer. */
async function sizedSlots(wanted: number, progress: Progress): Promise<ReturnType<typeof createSlots>> {
  const available = await availableMemoryBytes();
  const count = gatewaySlots(available, wanted, availableParallelism());
  if (count < wanted) progress.info(`${(available / 1024 ** 3).toFixed(1)} GB available and ${availableParallelism()} cores, so at most ${count} of ${wanted} gateways run at once`);
  return createSlots(count);
}

/** The start-of-run sweep: this TMPDIR's run folders, marked network namespaces, and each lane's own objects. */
export async function reapDeadRuns(lanes: readonly Lane[]): Promise<ReapResult> {
  const sweeps = [reapRunFolders(tmpdir()), reapNetns(), ...lanes.map((l) => l.leftovers?.reapDead?.() ?? Promise.resolve(NOTHING_REAPED))];
  return mergeReaped(...(await Promise.all(sweeps.map((p) => p.catch((err: unknown) => ({ ...NOTHING_REAPED, failed: [reapItem("folder", "(the sweep)", err instanceof Error ? err.message : String(err))] }))))));
}

/** Each lane's leftovers check, for the lanes that registered ids in this run. */
async function laneLeftoverChecks(lanes: readonly Lane[], tracked: readonly LaneLeftoverId[]): Promise<HygieneCheck[]> {
  const checks: HygieneCheck[] = [];
  for (const lane of lanes) {
    const ids = tracked.filter((t) => t.lane === lane.name).map((t) => t.id);
    if (lane.leftovers && ids.length) checks.push(await lane.leftovers.check(ids));
  }
  return checks;
}

async function provision(spec: string, deps: Pick<RunDeps, "progress" | "resolveTarget">): Promise<ResolvedTarget> {
  const step = deps.progress.step(`resolve target ${spec}`);
  try {
    const t = await deps.resolveTarget(spec, (line) => step.update(line));
    step.done(`openclaw ${t.version} (${t.kind}${t.cached ? ", cached" : ""})`);
    return t;
  } catch (err) {
    step.fail(err instanceof Error ? err.message : String(err));
    throw err;
  }
}

function stripResolved(t: ResolvedTarget): TargetInfo {
  return {
    spec: t.spec,
    kind: t.kind,
    version: t.version,
    path: t.path,
    integrity: t.integrity,
    tarballSha256: t.tarballSha256,
    gitCommit: t.gitCommit,
    gitDirty: t.gitDirty,
    nodeVersion: t.nodeVersion,
  };
}
