import { describe, expect, it } from "vitest";
import { changes } from "../../scenarios/changes.ts";
import { loadCatalog } from "../plan/catalog.ts";
import { defaultMatrixScenarios } from "./plan.ts";

describe("the default matrix set", () => {
  it("holds the core scenarios, the agent-tool and explicit-URL claims, and every lifecycle scenario", async () => {
    const catalog = await loadCatalog();
    const ids = defaultMatrixScenarios(catalog, changes);
    for (const s of catalog.filter((x) => x.group === "core" || x.group === "lifecycle")) expect(ids, s.id).toContain(s.id);
    expect(ids).toContain("agent-tool-fallback-local");
    expect(ids.filter((id) => catalog.find((s) => s.id === id)?.group === "probe")).toEqual([]);
  });
});
