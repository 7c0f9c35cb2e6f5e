import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import type { ScenarioDefinition } from "./scenario-types.ts";

export const SCENARIOS_DIR = fileURLToPath(new URL("../../scenarios/", import.meta.url));

/** Load every scenario file in scenarios/ (one `scenario` export each), sorted by the declared order. */
export async function loadCatalog(dir = SCENARIOS_DIR): Promise<ScenarioDefinition[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.startsWith("_"));
  const mods = await Promise.all(files.map(async (f) => (await import(pathToFileURL(join(dir, f)).href)) as { scenario?: ScenarioDefinition }));
  const out = mods.map((m) => m.scenario).filter((s): s is ScenarioDefinition => s !== undefined);
  return out.sort((a, b) => orderOf(a) - orderOf(b) || a.id.localeCompare(b.id));
}

const ORDER = ["local-token-handoff", "env-url-omission", "configured-remote-identity", "fallback-local"];
const GROUPS = ["core", "claim", "control", "probe", "isolation", "compose", "lifecycle", "upgrade"];

function orderOf(s: ScenarioDefinition): number {
  const i = ORDER.indexOf(s.id);
  return GROUPS.indexOf(s.group) * 100 + (i < 0 ? 50 : i);
}
