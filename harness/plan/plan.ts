import { UsageError } from "../errors.ts";
import type { TargetRole } from "../evidence/types.ts";
import type { SandboxProfile, ScenarioDefinition } from "./scenario-types.ts";

/** A run, decided before anything touches the disk or starts. Pure data. */
export interface RunPlan {
  mode: "smoke" | "proof";
  targets: Array<{ role: TargetRole; spec: string }>;
  groups: GatewayGroup[];
  scenarioIds: string[];
  keep: boolean;
  concurrency: number;
  timeouts: Timeouts;
}

/** Scenarios that share one sandbox profile share one sandbox and one gateway. */
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

export const DEFAULT_TIMEOUTS: Timeouts = { gatewayReadyMs: 90_000, runtimeProcessMs: 30_000, rpcMs: 10_000, requesterFinalMs: 5_000 };

export interface PlanInput {
  mode: "smoke" | "proof";
  scenarioIds: string[];
  openclaw: string | null;
  base: string | null;
  head: string | null;
  keep: boolean;
  concurrency: number;
  timeouts?: Partial<Timeouts>;
}

export const DEFAULT_TARGET = "default";
export const DEFAULT_PROOF_BASE = "2026.6.5";

/** Which scenarios: the ids given, else the core set (smoke) or core + control (proof). Pure. */
export function selectScenarios(catalog: readonly ScenarioDefinition[], ids: readonly string[], mode: "smoke" | "proof"): ScenarioDefinition[] {
  if (ids.length === 0) return catalog.filter((s) => s.group === "core" || (mode === "proof" && s.group === "control"));
  const known = new Map(catalog.map((s) => [s.id, s]));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new UsageError(`unknown scenario ${unknown.map((u) => `'${u}'`).join(", ")}`, `Use one of: ${[...known.keys()].join(", ")}`);
  }
  return [...new Set(ids)].map((id) => known.get(id) as ScenarioDefinition);
}

export function groupBySandbox(scenarios: readonly ScenarioDefinition[]): GatewayGroup[] {
  const groups = new Map<SandboxProfile, ScenarioDefinition[]>();
  for (const s of scenarios) groups.set(s.sandbox, [...(groups.get(s.sandbox) ?? []), s]);
  return [...groups].map(([profile, list]) => ({ profile, scenarios: list }));
}

export function planRun(catalog: readonly ScenarioDefinition[], input: PlanInput): RunPlan {
  const scenarios = selectScenarios(catalog, input.scenarioIds, input.mode);
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
    keep: input.keep,
    concurrency: input.concurrency,
    timeouts: { ...DEFAULT_TIMEOUTS, ...input.timeouts },
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
