/**
 * The import rules of .dependency-cruiser.cjs hold on harness/ and scenarios/: no import circle between files, and
 * run/ imports nothing from compose/. The same rules fail on a small tree made to break each of them.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cruise, type ICruiseResult } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import { dir } from "tmp-promise";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const CONFIG = join(ROOT, ".dependency-cruiser.cjs");

/** Each violation as "rule: from → to" (a circle as its path). */
async function violations(baseDir: string, roots: string[]): Promise<string[]> {
  const options = await extractDepcruiseOptions(CONFIG);
  const r = await cruise(roots, { ...options, baseDir, validate: true, ruleSet: options.ruleSet });
  const out = r.output as ICruiseResult;
  return (out.summary.violations ?? []).map((v) => `${v.rule.name}: ${v.cycle?.length ? [v.from, ...v.cycle.map((c) => c.name)].join(" → ") : `${v.from} → ${v.to}`}`);
}

const bad = await dir({ unsafeCleanup: true, prefix: "imports-test-" });
afterAll(() => bad.cleanup());

describe("import rules", () => {
  it("harness/ and scenarios/ have no import circle, and run/ imports nothing from compose/", async () => {
    expect(await violations(ROOT, ["harness", "scenarios"])).toEqual([]);
  }, 60_000);

  it("fail on a circle between two files, on run/ importing compose/ and on run/ importing the strength run", async () => {
    await mkdir(join(bad.path, "harness", "run"), { recursive: true });
    await mkdir(join(bad.path, "harness", "compose"), { recursive: true });
    await mkdir(join(bad.path, "harness", "strength"), { recursive: true });
    await writeFile(join(bad.path, "harness", "run", "scenario.ts"), 'import { UNMUTATED } from "../strength/plan.ts";\nexport const key = UNMUTATED;\n');
    await writeFile(join(bad.path, "harness", "strength", "plan.ts"), 'export const UNMUTATED = "unmutated";\n');
    await writeFile(join(bad.path, "harness", "run", "group.ts"), 'import { lane } from "../compose/lane.ts";\nexport type Options = { n: number };\nexport const group = lane;\n');
    await writeFile(join(bad.path, "harness", "compose", "lane.ts"), 'import type { Options } from "../run/group.ts";\nexport const lane = (o: Options): number => o.n;\n');
    const found = await violations(bad.path, ["harness"]);
    expect(found).toContain("run-knows-no-lane: harness/run/group.ts → harness/compose/lane.ts");
    expect(found).toContain("run-knows-no-mutant: harness/run/scenario.ts → harness/strength/plan.ts");
    expect(found.filter((v) => v.startsWith("no-circular:"))).not.toEqual([]);
  }, 60_000);
});
