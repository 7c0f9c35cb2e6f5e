/** The step vocabulary's rules (the steps themselves are declared in scenario-types.ts, with the scenario). Pure. */
import type { LifecycleStep } from "./scenario-types.ts";

export type LifecycleStepKind = LifecycleStep["do"];

/** Which steps a scenario's list must hold together: a resolve after a stop needs a start first, etc. Pure. */
export function stepProblems(steps: readonly LifecycleStep[], gatewayBeforeSteps: "running" | "stopped" = "running"): string[] {
  const problems: string[] = [];
  if (steps.length === 0) problems.push("a lifecycle scenario needs at least one step");
  let running = gatewayBeforeSteps === "running";
  let rotated = false;
  steps.forEach((s, i) => {
    const at = `step ${i + 1} (${s.do})`;
    if (s.do === "stop-gateway") {
      if (!running) problems.push(`${at}: the gateway is already stopped`);
      running = false;
    } else if (s.do === "start-gateway") {
      if (running) problems.push(`${at}: the gateway is already running`);
      running = true;
    } else if (s.do === "restart-gateway" || s.do === "rotate-socket-token") {
      if (!running) problems.push(`${at}: needs a running gateway`);
      if (s.do === "rotate-socket-token") rotated = true;
    } else {
      if (s.expectations.length === 0) problems.push(`${at}: a resolve step states what must be observed`);
      if (s.by === "held-token" && !rotated) problems.push(`${at}: a held token is the one derived before a rotation; rotate first`);
      if (!running && s.expectations.some((e) => e.id === "resolve" && e.expect === "succeeded")) problems.push(`${at}: cannot succeed with the gateway stopped`);
    }
  });
  if (!running) problems.push("the last step leaves the gateway stopped: start it again, so its approvals can be settled");
  return problems;
}
