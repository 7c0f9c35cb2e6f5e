import { describe, expect, it } from "vitest";
import { loadCatalog } from "../plan/catalog.ts";
import { renderScenarioList } from "./scenario-list.ts";

const catalog = await loadCatalog();

describe("renderScenarioList (smoke --list)", () => {
  const text = renderScenarioList(catalog);
  const lines = text.split("\n");

  it("lists every scenario once, one line each, under its group's heading", () => {
    for (const s of catalog) expect(lines.filter((l) => l.startsWith(`  ${s.id} `))).toHaveLength(1);
    const groups = [...new Set(catalog.map((s) => s.group))];
    expect(lines.filter((l) => /^\w/.test(l) && !/^\d/.test(l)).map((l) => l.split(" ")[0])).toEqual(groups);
    expect(text).toMatch(/^core \(smoke and proof run these\)$/m);
    expect(text).toMatch(/^claim \(proof runs these\)$/m);
    expect(text).toMatch(/^probe \(run with --scenario ID\)$/m);
    expect(lines.at(-1)).toBe(`${catalog.length} scenarios; run some with --scenario ID (repeatable)`);
  });

  it("cuts each claim to the width (at most 100), with …", () => {
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(100);
    expect(lines.some((l) => l.endsWith("…"))).toBe(true);
    for (const l of renderScenarioList(catalog, 70).split("\n")) expect(l.length, l).toBeLessThanOrEqual(70);
    const first = catalog[0];
    if (first) expect(renderScenarioList([first], 1000)).toContain(first.claim.replace(/\s+/g, " ").trim().slice(0, 60));
  });
});
