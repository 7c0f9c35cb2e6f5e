/** The step vocabulary's rules (the steps themselves are declared in scenario-types.ts, with the scenario). Pure. */
import type { BuildRole, LifecycleStep } from "./scenario-types.ts";

export type LifecycleStepKind = LifecycleStep["do"];

/**
 * Which steps a scenario's list must hold together: a resolve after a stop needs a start first, one long-lived
 * runtime runs one build, an upgrade names the build that does not run now, etc. Pure.
 */
export function stepProblems(steps: readonly LifecycleStep[], gatewayBeforeSteps: "running" | "stopped" = "running", firstGateway: BuildRole = "head"): string[] {
  const problems: string[] = [];
  if (steps.length === 0) problems.push("a lifecycle scenario needs at least one step");
  let running = gatewayBeforeSteps === "running";
  let rotated = false;
  let gatewayBuild = firstGateway;
  let heldBuild: BuildRole | null = null;
  steps.forEach((s, i) => {
    const at = `step ${i + 1} (${s.do})`;
    if (s.do === "stop-gateway") {
      if (!running) problems.push(`${at}: the gateway is already stopped`);
      running = false;
    } else if (s.do === "start-gateway") {
      if (running) problems.push(`${at}: the gateway is already running`);
      running = true;
    } else if (s.do === "upgrade-gateway") {
      if (!running) problems.push(`${at}: needs a running gateway`);
      if (s.to === gatewayBuild) problems.push(`${at}: the gateway already runs the ${s.to} build`);
      gatewayBuild = s.to;
    } else if (s.do === "restart-gateway" || s.do === "rotate-socket-token") {
      if (!running) problems.push(`${at}: needs a running gateway`);
      if (s.do === "rotate-socket-token") rotated = true;
      if (s.do === "rotate-socket-token" && s.mode !== undefined && s.how !== "edit-file") problems.push(`${at}: a file mode belongs to a rotation by editing the file`);
    } else {
      if (s.expectations.length === 0) problems.push(`${at}: a resolve step states what must be observed`);
      if (s.by === "held-runtime") {
        const build = s.build ?? "head";
        if (heldBuild !== null && heldBuild !== build) problems.push(`${at}: the long-lived runtime loaded the ${heldBuild} build; one process cannot change its build`);
        heldBuild = build;
      }
      if (s.by === "held-token" && s.build !== undefined) problems.push(`${at}: a held token is the harness's own client, it loads no build`);
      if (s.by === "held-token" && !rotated) problems.push(`${at}: a held token is the one derived before a rotation; rotate first`);
      if (!running && s.expectations.some((e) => e.id === "resolve" && e.expect === "succeeded")) problems.push(`${at}: cannot succeed with the gateway stopped`);
    }
  });
  if (!running) problems.push("the last step leaves the gateway stopped: start it again, so its approvals can be settled");
  return problems;
}
