/** Which scenarios a matrix runs by default. Pure. */
import type { DeclaredChanges } from "../plan/changes-types.ts";
import type { ScenarioDefinition } from "../plan/scenario-types.ts";

/** A scenario declared FAIL_TO_FAIL throughout fails on every build: it cannot tell one release from another. */
export function failsEverywhere(changes: DeclaredChanges, id: string): boolean {
  const d = changes.expectations[id];
  return d !== undefined && Object.values(d).every((c) => c === "FAIL_TO_FAIL");
}

/**
 * The default matrix set: the core scenarios, then the agent-tool and explicit-URL claims, all on one gateway per
 * version, and the lifecycle scenarios (a sidecar's life: restarts, rotation, start order, a long-lived runtime), on
 * gateways of their own one after another; minus any declared to fail on every build in every expectation (it could
 * not tell one release from another). agent-tool-fallback-local stays: its client-token-choice tells releases apart,
 * its finding is carried.
 */
export function defaultMatrixScenarios(catalog: readonly ScenarioDefinition[], changes: DeclaredChanges): string[] {
  return catalog
    .filter((s) => s.group === "core" || s.group === "lifecycle" || (s.group === "claim" && /^(agent-tool-|explicit-url-)/.test(s.id)))
    .filter((s) => !failsEverywhere(changes, s.id))
    .map((s) => s.id);
}
