/** The mutant catalog: scenarios/mutants/*.ts loaded, and checked against the scenario catalog at load time. */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { UsageError } from "../errors.ts";
import { SCENARIOS_DIR } from "./catalog.ts";
import { UNMUTATED, type MutantDefinition } from "./mutant-types.ts";
import type { ScenarioDefinition } from "./scenario-types.ts";
import { expectationIds } from "./validate-catalog.ts";

export const MUTANTS_DIR = join(SCENARIOS_DIR, "mutants");

/** Every mutant file (one `mutant` export each), by id. */
export async function loadMutants(dir = MUTANTS_DIR): Promise<MutantDefinition[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.startsWith("_"));
  const mods = await Promise.all(files.map(async (f) => (await import(pathToFileURL(join(dir, f)).href)) as { mutant?: MutantDefinition }));
  return mods.map((m) => m.mutant).filter((m): m is MutantDefinition => m !== undefined).sort((a, b) => a.id.localeCompare(b.id));
}

/** Lanes that run a scenario's runtime processes from another build than the gateway's: the process lane's profiles. */
const STRENGTH_GROUPS: ReadonlySet<ScenarioDefinition["group"]> = new Set(["core", "claim", "control", "probe", "isolation"]);

/** Every problem of the mutant catalog against the scenarios, as sentences (empty: fine). Pure. */
export function mutantProblems(mutants: readonly MutantDefinition[], catalog: readonly ScenarioDefinition[]): string[] {
  const problems: string[] = [];
  const byId = new Map(catalog.map((s) => [s.id, s]));
  const seen = new Set<string>();
  for (const m of mutants) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(m.id)) problems.push(`mutant '${m.id}': its id must be lower-case words joined by '-'`);
    if (m.id === UNMUTATED) problems.push(`mutant '${m.id}': that id names the unmutated baseline`);
    if (seen.has(m.id)) problems.push(`mutant '${m.id}' is declared twice`);
    seen.add(m.id);
    if (!m.reverts.trim()) problems.push(`mutant '${m.id}': say which claim it reverts`);
    if (!m.locators.length) problems.push(`mutant '${m.id}' has no locator`);
    for (const [i, l] of m.locators.entries()) {
      if (!l.find) problems.push(`mutant '${m.id}' locator ${i + 1}: an empty pattern locates nothing`);
      if (l.find === l.replace) problems.push(`mutant '${m.id}' locator ${i + 1}: the replacement changes nothing`);
      if (l.files !== undefined) {
        try {
          new RegExp(l.files);
        } catch {
          problems.push(`mutant '${m.id}' locator ${i + 1}: files '${l.files}' is not a regular expression`);
        }
      }
    }
    const catchers = Object.entries(m.catchers);
    if (!catchers.length) problems.push(`mutant '${m.id}' names no scenario that must catch it`);
    for (const [id, expectations] of catchers) {
      const s = byId.get(id);
      if (!s) {
        problems.push(`mutant '${m.id}' names unknown scenario '${id}'`);
        continue;
      }
      if (!STRENGTH_GROUPS.has(s.group)) problems.push(`mutant '${m.id}': scenario '${id}' runs in the ${s.group} lane, which cannot load a mutant build beside an unmutated gateway`);
      const known = new Set(expectationIds(s));
      for (const e of expectations) if (!known.has(e)) problems.push(`mutant '${m.id}': scenario '${id}' has no expectation '${e}' (it has ${[...known].join(", ")})`);
      if (!expectations.length) problems.push(`mutant '${m.id}': name the expectations of '${id}' it is meant to break`);
    }
  }
  return problems;
}

/** mutantProblems as a usage error (exit 2, one line). */
export function validateMutants(mutants: readonly MutantDefinition[], catalog: readonly ScenarioDefinition[]): void {
  const problems = mutantProblems(mutants, catalog);
  if (problems.length) throw new UsageError(problems.join("; "), "Fix the scenario or expectation id in scenarios/mutants/");
}
