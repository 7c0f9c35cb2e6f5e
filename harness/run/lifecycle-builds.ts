/**
 * Which build each part of a lifecycle scenario runs, where the scenario spans two (the upgrade group): its gateway
 * (the first one's build, then each upgrade's), and each resolve step's runtime process. A scenario that names no
 * role runs the target only, as before. Pure, over the builds the target run read (run/target-run.ts).
 */
import type { BuildUse, StepBuilds } from "../evidence/types.ts";
import type { BuildRole, LifecycleStep, ScenarioDefinition } from "../plan/scenario-types.ts";
import { usesBothBuilds } from "../plan/validate-catalog.ts";
import { roleBuild, type RoleBuild, type TargetRuntime } from "./context.ts";

/** The builds a scenario's gateway and clients load: null roles where the scenario runs the target only. */
export interface ScenarioBuilds {
  /** The gateway's build now (null: the target's, for a scenario that runs one build). */
  gateway: RoleBuild | null;
  /** The build a resolve step's runtime process loads (null: the target's). */
  client(step: Extract<LifecycleStep, { do: "resolve" }>): RoleBuild | null;
  /** A build by role (throws when the run holds none). */
  role(role: BuildRole): RoleBuild;
}

export function scenarioBuilds(s: ScenarioDefinition, target: TargetRuntime): ScenarioBuilds {
  // A scenario of one build that judges a handoff by its build names the head (the target) throughout.
  const byBuild = usesBothBuilds(s) || judgesByBuild(s);
  return {
    gateway: byBuild ? roleBuild(target, s.firstGateway ?? "head") : null,
    client: (step) => (byBuild ? roleBuild(target, step.build ?? "head") : null),
    role: (role) => roleBuild(target, role),
  };
}

/** A build as a step record names it: role, version, whether it derives the token, where it keeps approvals. Pure. */
export function buildUse(b: RoleBuild): BuildUse {
  return { role: b.role, version: b.version, derivesToken: b.tokenDerivation.derives, approvalsStore: b.legacyApprovals.via === "none" ? "file" : "database" };
}

/** What a step record says of its builds: the gateway's after the step, a resolve's client's. Undefined for one build. */
export function stepBuilds(builds: ScenarioBuilds, step: LifecycleStep): StepBuilds | undefined {
  if (!builds.gateway) return undefined;
  const client = step.do === "resolve" && step.by !== "held-token" ? builds.client(step) : null;
  return { gateway: buildUse(builds.gateway), client: client ? buildUse(client) : null };
}

/**
 * Why a scenario that holds only across the storage migration cannot run on these builds, or null: its base must keep
 * approvals in exec-approvals.json and its head in the state database (target/legacy-approvals.ts).
 */
export function storageMigrationProblem(s: ScenarioDefinition, target: TargetRuntime): string | null {
  if (!s.acrossStorageMigration) return null;
  const base = roleBuild(target, "base");
  const head = roleBuild(target, "head");
  if (base.legacyApprovals.via !== "none") return `the base build ${base.version} already keeps approvals in its state database (${base.legacyApprovals.evidence}): no storage migration to cross`;
  if (head.legacyApprovals.via === "none") return `the head build ${head.version} keeps approvals in exec-approvals.json (${head.legacyApprovals.evidence}): no storage migration to cross`;
  return null;
}

/** A scenario whose steps judge a handoff by the builds (the `handoff` expectation). Pure. */
function judgesByBuild(s: ScenarioDefinition): boolean {
  return (s.steps ?? []).some((x) => x.do === "resolve" && x.expectations.some((e) => e.id === "handoff"));
}
