/**
 * What a run's report says about its schedule, for `bench`: each gateway start by the reason it was made, and the
 * longest indivisible unit (one gateway start plus the longest scenario on that gateway, or one lifecycle scenario
 * with its gateway starts and steps), the part of the wall no scheduling can shorten. Pure.
 */
import type { Report } from "../evidence/types.ts";

export type StartReason = "group" | "lifecycle" | "lifecycle-restart" | "legacy-import" | "strength";

/**
 * A lifecycle gateway is recorded as `lifecycle:<scenario>#<n>`, in start order; one marked `(legacy import)` was
 * started only for the build to import the home's exec-approvals.json. Of the others, a scenario's first is its own
 * start, the later ones its restarts.
 */
const LIFECYCLE_PROFILE = /^lifecycle:(.+)#\d+( \(legacy import\))?$/;

function isGroupStart(profile: string): boolean {
  return !LIFECYCLE_PROFILE.test(profile);
}

export function gatewayStartsByReason(report: Report): Record<StartReason, number> {
  const out: Record<StartReason, number> = { group: 0, lifecycle: 0, "lifecycle-restart": 0, "legacy-import": 0, strength: report.strength?.gateways.length ?? 0 };
  for (const t of report.targets) {
    const started = new Set<string>();
    for (const g of t.gateways) {
      const m = LIFECYCLE_PROFILE.exec(g.sandboxProfile);
      if (!m) out.group += 1;
      else if (m[2]) out["legacy-import"] += 1;
      else if (started.has(m[1] as string)) out["lifecycle-restart"] += 1;
      else {
        started.add(m[1] as string);
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
      if (!isGroupStart(g.sandboxProfile)) continue;
      const longest = Math.max(0, ...t.scenarios.filter((s) => s.setup.sandboxProfile === g.sandboxProfile && !s.steps).map((s) => s.durationMs ?? 0));
      units.push({ name: `${t.role} ${g.sandboxProfile}: gateway start + longest scenario`, ms: (g.readyMs ?? 0) + longest });
    }
    for (const s of t.scenarios.filter((x) => x.steps?.length)) units.push({ name: `${t.role} ${s.id}`, ms: s.durationMs ?? 0 });
  }
  return units.sort((a, b) => b.ms - a.ms);
}
