/**
 * What a run's report says about its schedule, for `bench`: each gateway start by the reason it was made, and the
 * longest indivisible unit (one gateway start plus the longest scenario on that gateway, or one lifecycle scenario
 * with its gateway starts and steps), the part of the wall no scheduling can shorten. Pure.
 */
import { parseLifecycleProfile } from "../evidence/gateway-profile.ts";
import type { Report } from "../evidence/types.ts";

export type StartReason = "group" | "lifecycle" | "lifecycle-restart" | "legacy-import" | "strength";

/**
 * Each start by its reason (profiles: evidence/gateway-profile.ts): a lifecycle scenario's first start that is not a
 * legacy import is its own, the later ones its restarts.
 */
export function gatewayStartsByReason(report: Report): Record<StartReason, number> {
  const out: Record<StartReason, number> = { group: 0, lifecycle: 0, "lifecycle-restart": 0, "legacy-import": 0, strength: report.strength?.gateways.length ?? 0 };
  for (const t of report.targets) {
    const started = new Set<string>();
    for (const g of t.gateways) {
      const p = parseLifecycleProfile(g.sandboxProfile);
      if (!p) out.group += 1;
      else if (p.legacyImport) out["legacy-import"] += 1;
      else if (started.has(p.scenario)) out["lifecycle-restart"] += 1;
      else {
        started.add(p.scenario);
        out.lifecycle += 1;
      }
    }
  }
  return out;
}

export interface Unit {
  name: string;
  ms: number;
}

/** Every indivisible unit of the run with its measured length, longest first. */
export function indivisibleUnits(report: Report): Unit[] {
  const units: Unit[] = [];
  for (const t of report.targets) {
    for (const g of t.gateways) {
      if (parseLifecycleProfile(g.sandboxProfile)) continue;
      const longest = Math.max(0, ...t.scenarios.filter((s) => s.setup.sandboxProfile === g.sandboxProfile && !s.steps).map((s) => s.durationMs ?? 0));
      units.push({ name: `${t.role} ${g.sandboxProfile}: gateway start + longest scenario`, ms: (g.readyMs ?? 0) + longest });
    }
    for (const s of t.scenarios.filter((x) => x.steps?.length)) units.push({ name: `${t.role} ${s.id}`, ms: s.durationMs ?? 0 });
  }
  return units.sort((a, b) => b.ms - a.ms);
}
