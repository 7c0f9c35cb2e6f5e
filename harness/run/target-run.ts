import { StepError } from "../errors.ts";
import type { ScenarioResult, TargetInfo, TargetRole, TargetRun } from "../evidence/types.ts";
import type { RunPlan } from "../plan/plan.ts";
import type { Progress } from "../ui/progress.ts";
import type { Faults, Redactor } from "./context.ts";
import { GroupFailed, laneFor, type GroupRunOptions, type GroupRunResult, type Lane } from "./lane.ts";
import { notRun } from "./scenario.ts";
import { detectLegacyApprovalsImport } from "../target/legacy-approvals.ts";
import { NO_LOCKS, type RunLocks } from "../hygiene/locks.ts";
import { unitCost } from "../plan/schedule.ts";
import type { ReleaseSlot } from "./limit.ts";
import type { BuildRole } from "../plan/scenario-types.ts";
import { detectTokenDerivation } from "../target/token-derivation.ts";
import type { RoleBuild } from "./context.ts";

/** What the harness reads from a build, once per target run: how it takes in the legacy file, whether it derives the token. */
async function readBuild(t: TargetInfo, role: BuildRole): Promise<RoleBuild> {
  const [legacyApprovals, tokenDerivation] = await Promise.all([detectLegacyApprovalsImport(t.path), detectTokenDerivation(t.path)]);
  return { role, openclawDir: t.path, version: t.version, legacyApprovals, tokenDerivation };
}

export interface TargetRunOptions {
  role: TargetRole;
  target: TargetInfo;
  provisionMs: number;
  nodePath: string;
  plan: RunPlan;
  redactor: Redactor;
  progress: Progress;
  reportFolder: string;
  signal: AbortSignal;
  track: Pick<GroupRunOptions, "trackPid" | "trackPort" | "trackSandbox" | "trackNetwork" | "onGatewayReady"> & { trackLeftovers(lane: string, id: string): void };
  /** The lanes that can run a group (cli/lanes.ts): each group runs in the first that takes its sandbox profile. */
  lanes: readonly Lane[];
  faults: Faults;
  /** Shared by all targets: at most as many gateways at once as memory allows; longer units start first. */
  gatewaySlots: { run<R>(fn: (release: ReleaseSlot) => Promise<R>, priority?: number): Promise<R> };
  compileCacheDir: string | null;
  /** How progress lines and log names call this target's gateways (default: its role). */
  label?: string;
  /** Builds that scenarios naming them load in their runtime processes (TargetRuntime.clientBuilds). */
  clientBuilds?: Readonly<Record<string, string>>;
  /** The base role for the upgrade group's scenarios (TargetRuntime.upgradeBase); the head is this target. */
  upgradeBase?: TargetInfo;
}

/**
 * All gateway groups of one target, concurrently as far as the shared slots allow, each weighed by its estimated cost
 * (plan/schedule.ts) so that every build's units go longest first; scenarios in plan order. The groups are submitted
 * in the same turn as runTarget is called (nothing awaited before), so the slots weigh every build's units together.
 */
export async function runTarget(o: TargetRunOptions): Promise<{ run: TargetRun; aborted: string | null; errors: string[]; locks: RunLocks[] }> {
  const started = Date.now();
  const errors: string[] = [];
  let aborted: string | null = null;
  const own = readBuild(o.target, "head");
  const base = o.upgradeBase ? readBuild(o.upgradeBase, "base") : null;
  for (const p of [own, base]) p?.catch(() => undefined);
  const groups = await Promise.all(
    o.plan.groups.map(async (group) => {
      try {
        const lane = laneFor(o.lanes, group);
        if (!lane) throw new StepError("gateway group", `no lane runs the ${group.profile} sandbox profile`, { next: "register one in harness/cli/lanes.ts" });
        const { trackLeftovers, ...track } = o.track;
        const start = async (releaseSlot: ReleaseSlot): Promise<GroupRunResult> => {
          if (o.signal.aborted) throw new Error(`not started: ${String(o.signal.reason)}`);
          const self = await own;
          const upgradeBase = base ? await base : null;
          return lane.run({
            label: o.label ?? o.role,
            group,
            target: { nodePath: o.nodePath, openclawDir: o.target.path, legacyApprovals: self.legacyApprovals, ...(o.clientBuilds ? { clientBuilds: o.clientBuilds } : {}), self, ...(upgradeBase ? { upgradeBase } : {}) },
            redactor: o.redactor,
            timeouts: o.plan.timeouts,
            progress: o.progress,
            reportFolder: o.reportFolder,
            keep: o.plan.keep,
            concurrency: o.plan.concurrency,
            compileCacheDir: o.compileCacheDir,
            signal: o.signal,
            faults: o.faults,
            ...track,
            trackLeftovers: (id) => trackLeftovers(lane.name, id),
            releaseSlot,
          });
        };
        return await o.gatewaySlots.run(start, unitCost(group.scenarios, o.plan.concurrency));
      } catch (thrown) {
        const err = thrown instanceof GroupFailed ? thrown.failure : thrown;
        const msg = o.redactor.text(err instanceof Error ? err.message : String(err));
        errors.push(msg);
        o.progress.info(o.redactor.text(err instanceof StepError ? err.describe() : msg));
        return { gateways: thrown instanceof GroupFailed ? [thrown.gateway] : [], scenarios: group.scenarios.map((s) => notRun(s, msg.split("\n")[0] ?? msg)), aborted: msg, locks: NO_LOCKS };
      }
    }),
  );
  const byId = new Map<string, ScenarioResult>();
  for (const g of groups) {
    for (const s of g.scenarios) byId.set(s.id, s);
    aborted ??= g.aborted;
  }
  const scenarios = o.plan.scenarioIds.map((id) => byId.get(id)).filter((s): s is ScenarioResult => s !== undefined);
  const readies = groups.flatMap((g) => g.gateways.map((r) => r.readyMs)).filter((v): v is number => typeof v === "number");
  return {
    run: {
      role: o.role,
      target: o.target,
      gateways: groups.flatMap((g) => g.gateways),
      timings: { provisionMs: o.provisionMs, gatewayReadyMs: readies.length ? Math.max(...readies) : null, totalMs: Date.now() - started },
      scenarios,
    },
    aborted,
    errors,
    locks: groups.map((g) => g.locks),
  };
}
