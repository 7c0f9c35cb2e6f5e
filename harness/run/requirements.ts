import { realpath } from "node:fs/promises";
import { isolationSupport, remadeUnderTmp, unreadableByOthers } from "../isolation/support.ts";
import { outermostNodeModules } from "../isolation/argv.ts";
import { netnsUnsupportedReason } from "../netns/netns.ts";
import { needsNetworkNamespace } from "../plan/client-setup.ts";
import type { ScenarioDefinition } from "../plan/scenario-types.ts";
import { readBuildFeatures, unmetBuildRequirement } from "../target/features.ts";
import { helloMethods } from "../wire/client.ts";
import type { GatewayContext } from "./context.ts";

/**
 * Why this host cannot run the scenario, or null. Never a pass: the caller reports it skipped. What a scenario
 * needs of the host follows from its client (namespaces, a network namespace), so it is not declared separately.
 */
export async function hostRequirement(s: ScenarioDefinition, ctx: Pick<GatewayContext, "target">): Promise<string | null> {
  if (s.client.kind === "openclaw-runtime" && s.client.isolation) {
    const sup = await isolationSupport();
    if (!sup.ok) return sup.reason;
    if (s.client.isolation.otherUser) {
      // The target is bound back into the runtime's private /tmp at its outermost node_modules (run/client-step.ts).
      const real = await realpath(ctx.target.openclawDir).catch(() => ctx.target.openclawDir);
      const why = await unreadableByOthers(ctx.target.openclawDir, remadeUnderTmp(outermostNodeModules(real)));
      if (why) return why;
    }
  }
  if (needsNetworkNamespace(s.client)) return netnsUnsupportedReason();
  return null;
}

/** Why the target build cannot run the scenario (it lacks an export, a method, a parameter), or null. */
export async function buildRequirement(s: ScenarioDefinition, ctx: Pick<GatewayContext, "target" | "gateway">): Promise<string | null> {
  if (!s.requires?.length) return null;
  const features = await readBuildFeatures(ctx.target.openclawDir, helloMethods(ctx.gateway.control.hello));
  return unmetBuildRequirement(s.requires, features);
}
