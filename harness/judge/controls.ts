import type { ScenarioResult } from "../evidence/types.ts";
import type { ScenarioDefinition } from "../plan/scenario-types.ts";
import { scenarioStatus } from "./evaluate.ts";

/**
 * A scenario with a positive control counts only if that control ran and passed in the same run, on the same gateway
 * (the results of one gateway group). Adds the expectation `positive-control` and re-derives the status. Pure.
 */
export function applyPositiveControls(results: readonly ScenarioResult[], defs: readonly ScenarioDefinition[]): ScenarioResult[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  return results.map((r) => {
    const control = defs.find((d) => d.id === r.id)?.control;
    if (control === undefined || (r.status !== "passed" && r.status !== "failed")) return r;
    const c = byId.get(control);
    const pass = c?.status === "passed";
    const observed = c ? `${control} ${c.status}: ${c.deciding}` : `${control} did not run on this gateway`;
    const expectations = [...r.expectations, { id: "positive-control", description: "the positive control, on the same gateway in the same run", expected: `${control} passed`, observed, pass }];
    return { ...r, expectations, status: scenarioStatus(expectations) };
  });
}
