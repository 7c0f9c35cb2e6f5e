import { UsageError } from "../errors.ts";
import { clip, nearest } from "./nearest.ts";
import type { TargetRole } from "../evidence/types.ts";
import type { SandboxProfile, ScenarioDefinition } from "./scenario-types.ts";

/** A run, decided before anything touches the disk or starts. Pure data. */
export interface RunPlan {
  mode: "smoke" | "proof";
  targets: Array<{ role: TargetRole; spec: string }>;
  groups: GatewayGroup[];
  scenarioIds: string[];
  /** Positive controls the plan added because a selected scenario counts only with them (id → for which). */
  addedControls: Array<{ id: string; for: string[] }>;
  /** Catalog scenarios not selected, for the report's "what was not tested". */
  notSelected: Array<{ id: string; group: string }>;
  keep: boolean;
  concurrency: number;
  timeouts: Timeouts;
  /**
   * The build the upgrade group's homes are made by (the base role; the target is the head), or null when no upgrade
   * scenario is selected: smoke's --upgrade-from (default 2026.6.5); a proof's base target.
   */
  upgradeBase: string | null;
}

/** Scenarios that share one sandbox profile share one sandbox and one gateway; a lifecycle scenario is a group alone. */
export interface GatewayGroup {
  profile: SandboxProfile;
  scenarios: ScenarioDefinition[];
}

export interface Timeouts {
  gatewayReadyMs: number;
  runtimeProcessMs: number;
  rpcMs: number;
  requesterFinalMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { gatewayReadyMs: 90_000, runtimeProcessMs: 60_000, rpcMs: 10_000, requesterFinalMs: 5_000 };

export interface PlanInput {
  mode: "smoke" | "proof";
  scenarioIds: string[];
  openclaw: string | null;
  base: string | null;
  head: string | null;
  keep: boolean;
  concurrency: number;
  timeouts?: Partial<Timeouts>;
  /** proof: the scenarios a proof of the fix needs (requiredForProof of changes.ts); a selection without them is refused. */
  requiredForProof?: readonly string[];
  /** proof --upgrade: also the upgrade group (a home made by the base, served by the head). */
  upgrade?: boolean;
  /** smoke --upgrade-from: the build an upgrade scenario's home is made by. */
  upgradeFrom?: string | null;
}

export const DEFAULT_TARGET = "default";
export const DEFAULT_PROOF_BASE = "2026.6.5";

/**
 * Which scenarios: the ids given, else the core set (smoke) or core + the PR's further claims + control + lifecycle
 * (proof); with `upgrade` (proof --upgrade), the upgrade group besides. Pure.
 */
export function selectScenarios(catalog: readonly ScenarioDefinition[], ids: readonly string[], mode: "smoke" | "proof", upgrade = false): ScenarioDefinition[] {
  // The Compose bumps need Docker and a minute each: named with --scenario, not in proof --upgrade.
  const tier = upgrade ? catalog.filter((s) => s.group === "upgrade" && s.sandbox !== "compose" && !ids.includes(s.id)) : [];
  if (ids.length === 0) return [...catalog.filter((s) => s.group === "core" || (mode === "proof" && (s.group === "control" || s.group === "claim" || s.group === "lifecycle"))), ...tier];
  const known = new Map(catalog.map((s) => [s.id, s]));
  const unknown = ids.filter((id) => !known.has(id));
  const [first] = unknown;
  if (first !== undefined) {
    const near = nearest(first, [...known.keys()]);
    const list = `\`corepack pnpm smoke --list\` lists all ${known.size}`;
    throw new UsageError(`unknown scenario '${clip(first)}'${unknown.length > 1 ? ` (and ${unknown.length - 1} more)` : ""}`, near ? `Did you mean ${near}? ${list}` : list);
  }
  return [...[...new Set(ids)].map((id) => known.get(id) as ScenarioDefinition), ...tier];
}

/** The opt-in tier a proof runs only when asked (proof --upgrade): its scenarios are required of that proof alone. Pure. */
export function requiredOf(catalog: readonly ScenarioDefinition[], required: readonly string[], upgrade: boolean): string[] {
  const tier = new Set(catalog.filter((s) => s.group === "upgrade").map((s) => s.id));
  return required.filter((id) => upgrade || !tier.has(id));
}

/**
 * The gateway groups (the units the gateway slots schedule): one per sandbox profile, whose scenarios share a sandbox
 * and a gateway, but one per lifecycle scenario, which has a gateway and a home of its own (plan/schedule.ts).
 */
export function groupBySandbox(scenarios: readonly ScenarioDefinition[]): GatewayGroup[] {
  const groups = new Map<string, { profile: SandboxProfile; scenarios: ScenarioDefinition[] }>();
  for (const s of scenarios) {
    const key = s.sandbox === "lifecycle" ? `lifecycle:${s.id}` : s.sandbox;
    const g = groups.get(key) ?? { profile: s.sandbox, scenarios: [] };
    g.scenarios.push(s);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/**
 * A scenario that counts only with its positive control gets it added (same sandbox profile, so the same gateway),
 * after the scenarios that need it. Pure.
 */
export function withControls(catalog: readonly ScenarioDefinition[], selected: readonly ScenarioDefinition[]): { scenarios: ScenarioDefinition[]; added: RunPlan["addedControls"] } {
  const chosen = new Set(selected.map((s) => s.id));
  const added = new Map<string, string[]>();
  for (const s of selected) {
    if (s.control === undefined || chosen.has(s.control)) continue;
    added.set(s.control, [...(added.get(s.control) ?? []), s.id]);
  }
  const extra = catalog.filter((s) => added.has(s.id));
  return { scenarios: [...selected, ...extra], added: extra.map((s) => ({ id: s.id, for: added.get(s.id) ?? [] })) };
}

export function planRun(catalog: readonly ScenarioDefinition[], input: PlanInput): RunPlan {
  if (input.mode === "smoke" && input.upgrade) throw new UsageError("--upgrade adds the upgrade group to a proof", "Run `corepack pnpm proof --upgrade`, or `smoke --scenario <upgrade-…>` for one of them");
  if (input.mode === "proof" && input.upgradeFrom) throw new UsageError("a proof's upgrades start from its --base", "Drop --upgrade-from and pass --base SPEC");
  const { scenarios, added } = withControls(catalog, selectScenarios(catalog, input.scenarioIds, input.mode, input.upgrade ?? false));
  const upgrades = scenarios.some((s) => s.group === "upgrade");
  if (input.upgradeFrom && !upgrades) {
    throw new UsageError("--upgrade-from names the build an upgrade scenario's home is made by, and none is selected", `Add --scenario ${catalog.find((s) => s.group === "upgrade")?.id ?? "<an upgrade scenario>"}, or drop --upgrade-from`);
  }
  if (input.mode === "proof") {
    const ids = new Set(scenarios.map((s) => s.id));
    const missing = requiredOf(catalog, input.requiredForProof ?? [], input.upgrade ?? false).filter((id) => !ids.has(id));
    if (missing.length) {
      throw new UsageError(
        `this proof selection leaves out ${missing.join(", ")}, which scenarios/changes.ts declares FAIL_TO_PASS: without them the run cannot show the fix`,
        `Drop --scenario to run the full proof, or add ${missing.map((m) => `--scenario ${m}`).join(" ")}`,
      );
    }
  }
  if (input.mode === "smoke" && (input.base || input.head)) {
    throw new UsageError("--base/--head belong to a differential run", "Run `pnpm proof --base SPEC --head SPEC`, or use --openclaw SPEC for one target");
  }
  const targets: RunPlan["targets"] =
    input.mode === "proof"
      ? [
          { role: "base", spec: input.base ?? DEFAULT_PROOF_BASE },
          { role: "head", spec: input.head ?? input.openclaw ?? DEFAULT_TARGET },
        ]
      : [{ role: "single", spec: input.openclaw ?? DEFAULT_TARGET }];
  if (!Number.isInteger(input.concurrency) || input.concurrency < 1) {
    throw new UsageError(`--concurrency must be a positive integer (got ${input.concurrency})`, "Pass e.g. --concurrency 4");
  }
  return {
    mode: input.mode,
    targets,
    groups: groupBySandbox(scenarios),
    scenarioIds: scenarios.map((s) => s.id),
    addedControls: added,
    notSelected: catalog.filter((c) => !scenarios.some((s) => s.id === c.id)).map((c) => ({ id: c.id, group: c.group })),
    keep: input.keep,
    concurrency: input.concurrency,
    timeouts: { ...DEFAULT_TIMEOUTS, ...input.timeouts },
    upgradeBase: !upgrades ? null : input.mode === "proof" ? (targets[0]?.spec ?? DEFAULT_PROOF_BASE) : (input.upgradeFrom ?? DEFAULT_PROOF_BASE),
  };
}

/**
 * A fault that would inject nothing is a usage error, not a silent pass of the harness's own test: its scenario
 * must be in the plan, and a frozen tap must be one the scenario's client dials (not the namespace's own). Pure.
 */
export function checkFaults(plan: RunPlan, faults: { killGatewayDuring: string | null; freezeTap: string | null }): void {
  const planned = new Map(plan.groups.flatMap((g) => g.scenarios.map((s) => [s.id, s] as const)));
  for (const [name, id] of [["kill-gateway-during", faults.killGatewayDuring], ["freeze-tap", faults.freezeTap]] as const) {
    if (id === null) continue;
    const s = planned.get(id);
    if (!s) throw new UsageError(`--fault ${name}:${id} names a scenario that is not in this run`, `Use one of: ${[...planned.keys()].join(", ")}`);
    if (name === "freeze-tap" && s.client.kind === "openclaw-runtime" && s.client.network === "netns") {
      throw new UsageError(`--fault freeze-tap:${id}: that scenario's client dials a tap inside its network namespace`, "Freeze a scenario on the host network instead");
    }
  }
}
