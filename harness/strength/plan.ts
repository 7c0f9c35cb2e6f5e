/**
 * Pure: which scenarios run against which gateway in a strength run. A mutant's catchers run as instances of their
 * scenarios (id `<scenario>~<mutant>`) whose runtime processes load the mutant build. Mutants the runtime loads share
 * one unmutated head gateway per sandbox profile; a mutant of the gateway gets gateways of its own.
 */
import { groupBySandbox, type GatewayGroup } from "../plan/plan.ts";
import { UNMUTATED, type MutantDefinition } from "../plan/mutant-types.ts";
import type { ScenarioDefinition } from "../plan/scenario-types.ts";

/** A scenario's id under a mutant (or UNMUTATED); mutant ids cannot hold the "~" (plan/mutant-catalog.ts). */
export function instanceId(scenario: string, mutant: string): string {
  return `${scenario}~${mutant}`;
}

/** One gateway build and the instances that run against it. */
export interface StrengthRunPlan {
  /** Which build the gateway runs: the unmutated head, or this mutant's build. */
  gateway: { kind: "head" } | { kind: "mutant"; mutant: string };
  /** How progress lines and log names call it. */
  label: string;
  groups: GatewayGroup[];
  scenarioIds: string[];
}

export interface StrengthPlan {
  runs: StrengthRunPlan[];
  /** The mutants that need a build: applicable, and at least one catcher runs. */
  built: string[];
}

/**
 * A scenario as it runs under a mutant: its id and its control's id carry the mutant, its runtime loads that build.
 * Under UNMUTATED it runs the head's own build: the baseline a catcher must pass before its failure under a mutant
 * counts.
 */
export function instanceOf(s: ScenarioDefinition, mutant: string): ScenarioDefinition {
  return { ...s, id: instanceId(s.id, mutant), ...(mutant === UNMUTATED ? {} : { clientBuild: mutant }), ...(s.control !== undefined ? { control: instanceId(s.control, mutant) } : {}) };
}

/** The instances of some scenarios under one key, each with its positive control (once). */
function instancesOf(ids: readonly string[], key: string, byId: ReadonlyMap<string, ScenarioDefinition>): ScenarioDefinition[] {
  const out: ScenarioDefinition[] = [];
  const add = (s: ScenarioDefinition): void => {
    if (!out.some((i) => i.id === instanceId(s.id, key))) out.push(instanceOf(s, key));
  };
  for (const id of ids) {
    const s = byId.get(id);
    if (!s) continue;
    add(s);
    // The positive control runs on the same gateway under the same build, as in the proof itself.
    const control = s.control !== undefined ? byId.get(s.control) : undefined;
    if (control) add(control);
  }
  return out;
}

/**
 * `applicable`: the mutants whose locator matched exactly once. `selected`: the scenarios that may catch (a catcher
 * outside them cannot catch its mutant). `unmutated`: the catchers to run on the unmutated head as their baseline
 * (those the run itself did not run). `catalog`: every scenario, for the definitions and the positive controls.
 */
export function planStrength(mutants: readonly MutantDefinition[], applicable: ReadonlySet<string>, selected: ReadonlySet<string>, catalog: readonly ScenarioDefinition[], unmutated: ReadonlySet<string> = new Set()): StrengthPlan {
  const byId = new Map(catalog.map((s) => [s.id, s]));
  const shared: ScenarioDefinition[] = [];
  const runs: StrengthRunPlan[] = [];
  const built: string[] = [];
  const baselines = new Set<string>();
  for (const m of mutants) {
    if (!applicable.has(m.id)) continue;
    const run = Object.keys(m.catchers).filter((id) => selected.has(id) && byId.has(id));
    if (!run.length) continue;
    built.push(m.id);
    for (const id of run) if (unmutated.has(id)) baselines.add(id);
    const instances = instancesOf(run, m.id, byId);
    if (m.loadedBy === "runtime") shared.push(...instances);
    else runs.push({ gateway: { kind: "mutant", mutant: m.id }, label: `mutant-${m.id}`, groups: groupBySandbox(instances), scenarioIds: instances.map((s) => s.id) });
  }
  const head = [...instancesOf([...baselines], UNMUTATED, byId), ...shared];
  if (head.length) runs.unshift({ gateway: { kind: "head" }, label: "strength", groups: groupBySandbox(head), scenarioIds: head.map((s) => s.id) });
  return { runs, built };
}
