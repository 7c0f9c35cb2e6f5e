/**
 * How the run's gateway groups are cut into units for the gateway slots, and how long each is expected to hold one.
 * Scenarios that share a sandbox profile share one gateway (a unit); a lifecycle scenario has a gateway and a home of
 * its own, so each is a unit of its own. Units go longest first across every build, so that no long unit starts last
 * and runs alone while the other slots are idle. The costs are estimates in seconds from this machine's figures
 * (a gateway start 10-15 s, a scenario on a ready gateway 3-6 s, an in-place restart 0.3-3 s), used only to order. Pure.
 */
import type { LifecycleStep, ScenarioDefinition } from "./scenario-types.ts";

export const COST_S = { gatewayStart: 12, scenario: 5, resolveStep: 3, inPlaceRestart: 3, rotation: 4, stop: 1 } as const;

function stepCost(step: LifecycleStep): number {
  switch (step.do) {
    case "resolve":
      return COST_S.resolveStep;
    case "upgrade-gateway":
      return COST_S.gatewayStart + COST_S.stop;
    case "restart-gateway":
      return step.how === "in-place" ? COST_S.inPlaceRestart : COST_S.gatewayStart + COST_S.stop;
    case "start-gateway":
      return COST_S.gatewayStart;
    case "stop-gateway":
      return COST_S.stop;
    case "rotate-socket-token":
      return COST_S.rotation;
  }
}

/** The estimated seconds a unit holds its slot: its gateway start, then its scenarios `concurrency` at a time, or its steps. */
export function unitCost(scenarios: readonly ScenarioDefinition[], concurrency: number): number {
  const steps = scenarios.flatMap((s) => s.steps ?? []);
  if (steps.length) return COST_S.gatewayStart + steps.reduce((n, st) => n + stepCost(st), 0);
  return COST_S.gatewayStart + Math.ceil(scenarios.length / Math.max(1, concurrency)) * COST_S.scenario;
}
