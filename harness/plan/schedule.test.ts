import { describe, expect, it } from "vitest";
import { loadCatalog } from "./catalog.ts";
import { COST_S, unitCost } from "./schedule.ts";

const catalog = await loadCatalog();
const byId = (id: string) => {
  const s = catalog.find((x) => x.id === id);
  if (!s) throw new Error(id);
  return s;
};

describe("unitCost: how long a unit is expected to hold its gateway slot", () => {
  it("a shared gateway: one start, then its scenarios `concurrency` at a time", () => {
    const core = catalog.filter((s) => s.group === "core");
    expect(unitCost(core, 2)).toBe(COST_S.gatewayStart + Math.ceil(core.length / 2) * COST_S.scenario);
    expect(unitCost(core, 1)).toBeGreaterThan(unitCost(core, 2));
  });

  it("a lifecycle scenario: its gateway start and each step, a stop-start restart costing a second start", () => {
    const stopStart = unitCost([byId("lifecycle-gateway-restart")], 2);
    const inPlace = unitCost([byId("lifecycle-gateway-restart-in-place")], 2);
    expect(stopStart).toBeGreaterThan(inPlace);
    expect(stopStart).toBeGreaterThanOrEqual(2 * COST_S.gatewayStart);
  });
});
