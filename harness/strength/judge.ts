/** Pure: each mutant judged from its instances' results, the score, and the expectations no mutant broke. */
import type { MutantRecord, MutantScenario, ScenarioResult, StrengthScore, UnfailedExpectation } from "../evidence/types.ts";
import type { MutantDefinition } from "../plan/mutant-types.ts";
import { notApplicableReason, type Located } from "./locate.ts";
import { instanceId } from "./plan.ts";

/**
 * One mutant. killed: a catcher failed on an expectation, where it passes on the unmutated build (its baseline);
 * timeout: its catchers failed only because a runtime process hit the runtime timeout; survived: every catcher that
 * ran passed, or none ran, or none passes unmutated (then its failure says nothing about the mutant); not-applicable:
 * no locator matched exactly once. `baseline`: a catcher's result on the unmutated head.
 */
export function judgeMutant(m: MutantDefinition, located: Located, results: ReadonlyMap<string, ScenarioResult>, selected: ReadonlySet<string>, baseline: (scenario: string) => ScenarioResult | undefined): MutantRecord {
  const counts = located.counts.map((c) => ({ locator: c.locator + 1, matches: c.matches }));
  const base = { id: m.id, reverts: m.reverts, loadedBy: m.loadedBy, counts };
  if (located.status === "not-applicable") {
    return { ...base, status: "not-applicable", reason: notApplicableReason(located.counts), applied: null, scenarios: [] };
  }
  const scenarios: MutantScenario[] = Object.entries(m.catchers).map(([id, meant]) => {
    const none = { id, meant, failed: [], timedOut: false, baseline: "not-run" as const };
    if (!selected.has(id)) return { ...none, status: "not-selected", deciding: "not in this run's scenario set" };
    const r = results.get(instanceId(id, m.id));
    const b = baseline(id)?.status ?? "not-run";
    if (!r) return { ...none, status: "not-run", deciding: "no result", baseline: b };
    return { id, status: r.status, meant, failed: r.expectations.filter((e) => !e.pass).map((e) => e.id), deciding: r.deciding, timedOut: r.observations.runtime?.timedOut === true, baseline: b };
  });
  const failed = scenarios.filter((s) => s.status === "failed" && s.baseline === "passed");
  const applied = { locator: located.locator + 1, file: located.file };
  if (failed.some((s) => !s.timedOut)) {
    const by = failed.filter((s) => !s.timedOut);
    return { ...base, status: "killed", reason: `killed by ${by.map((s) => `${s.id} (${s.failed.join(", ")})`).join("; ")}`, applied, scenarios };
  }
  if (failed.length) return { ...base, status: "timeout", reason: `${failed.map((s) => s.id).join(", ")}: the runtime process hit the runtime timeout`, applied, scenarios };
  const ran = scenarios.filter((s) => s.status === "passed");
  const left = scenarios.filter((s) => s.status === "not-selected").map((s) => s.id);
  const unsound = scenarios.filter((s) => s.status !== "not-selected" && s.baseline !== "passed").map((s) => `${s.id} is ${s.baseline} on the unmutated build`);
  const other = scenarios.filter((s) => s.status !== "passed" && s.status !== "not-selected" && s.baseline === "passed").map((s) => `${s.id} ${s.status}`);
  const why = [ran.length ? `${ran.map((s) => s.id).join(", ")} passed` : null, left.length ? `${left.join(", ")} not in this run` : null, ...unsound, ...other].filter((x): x is string => x !== null);
  return { ...base, status: "survived", reason: `survived: ${why.join("; ")}`, applied, scenarios };
}

/** Detected ÷ (detected + survived), as Stryker counts it; timeouts are detected. */
export function strengthScore(mutants: readonly MutantRecord[]): StrengthScore {
  const n = (s: MutantRecord["status"]): number => mutants.filter((m) => m.status === s).length;
  const killed = n("killed");
  const timeout = n("timeout");
  const survived = n("survived");
  const valid = killed + timeout + survived;
  return { killed, timeout, survived, notApplicable: n("not-applicable"), percent: valid === 0 ? null : Math.floor(((killed + timeout) * 1000) / valid) / 10 };
}

/**
 * Expectations that a mutant was meant to break, in a scenario that ran under it and judged (passed or failed), yet
 * that no such mutant broke: either the expectation cannot fail or the catalog says the wrong thing about it.
 */
export function unfailedExpectations(mutants: readonly MutantRecord[]): UnfailedExpectation[] {
  const seen = new Map<string, { scenario: string; expectation: string; mutants: string[]; failed: boolean }>();
  for (const m of mutants) {
    for (const s of m.scenarios) {
      if (s.status !== "passed" && s.status !== "failed") continue;
      for (const e of s.meant) {
        const key = `${s.id}\u0000${e}`;
        const entry = seen.get(key) ?? { scenario: s.id, expectation: e, mutants: [], failed: false };
        entry.mutants.push(m.id);
        entry.failed ||= s.failed.includes(e);
        seen.set(key, entry);
      }
    }
  }
  return [...seen.values()].filter((e) => !e.failed).map(({ scenario, expectation, mutants: ms }) => ({ scenario, expectation, mutants: ms }));
}
