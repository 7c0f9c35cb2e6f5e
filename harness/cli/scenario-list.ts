/** `corepack pnpm smoke --list`: the scenario catalog by group, one line each (id and claim), cut to the terminal. Pure. */
import { selectScenarios } from "../plan/plan.ts";
import type { ScenarioDefinition } from "../plan/scenario-types.ts";

/** Which default run takes a group, from the plan's own selection (so this cannot drift from what runs). */
function runsOf(catalog: readonly ScenarioDefinition[], group: string): string {
  const members = catalog.filter((s) => s.group === group).map((s) => s.id);
  const inAll = (mode: "smoke" | "proof"): boolean => {
    const ids = new Set(selectScenarios(catalog, [], mode).map((s) => s.id));
    return members.every((id) => ids.has(id));
  };
  if (inAll("smoke")) return "smoke and proof run these";
  if (inAll("proof")) return "proof runs these";
  if (members.length && members.every((id) => selectScenarios(catalog, [], "proof", true).some((s) => s.id === id))) return "proof --upgrade runs these";
  return "run with --scenario ID";
}

/** One line of at most width characters: the claim is cut with … when it does not fit. */
function line(id: string, claim: string, idWidth: number, width: number): string {
  const head = `  ${id.padEnd(idWidth)}  `;
  const text = claim.replace(/\s+/g, " ").trim();
  const room = Math.max(0, width - head.length);
  return `${head}${text.length <= room ? text : `${text.slice(0, Math.max(0, room - 1)).trimEnd()}…`}`.trimEnd();
}

/** The catalog as the user reads it; width is the terminal's (at most 100 is used). */
export function renderScenarioList(catalog: readonly ScenarioDefinition[], width = 100): string {
  const cols = Math.max(60, Math.min(width, 100));
  const idWidth = Math.max(...catalog.map((s) => s.id.length));
  const groups = [...new Set(catalog.map((s) => s.group))];
  const out: string[] = [];
  for (const g of groups) {
    out.push(`${g} (${runsOf(catalog, g)})`);
    for (const s of catalog.filter((x) => x.group === g)) out.push(line(s.id, s.claim, idWidth, cols));
    out.push("");
  }
  out.push(`${catalog.length} scenarios; run some with --scenario ID (repeatable)`);
  return out.join("\n");
}
