import type { ComparisonRow, ComparisonVerdict, PairClass, PreflightResult, ScenarioResult, TargetRun } from "../evidence/types.ts";
import type { DeclaredChanges } from "../plan/changes-types.ts";
import { requiredForProof } from "../plan/validate-catalog.ts";

export function classify(base: ComparisonVerdict, head: ComparisonVerdict): PairClass {
  if (base === "n/a" || head === "n/a" || base === "not-applicable" || head === "not-applicable") return "INCOMPLETE";
  if (base === "fail") return head === "pass" ? "FAIL_TO_PASS" : "FAIL_TO_FAIL";
  return head === "pass" ? "PASS_TO_PASS" : "PASS_TO_FAIL";
}

function verdictOf(s: ScenarioResult | undefined, expectation: string): ComparisonVerdict {
  if (!s) return "n/a";
  if (s.status === "not-applicable") return "not-applicable";
  if (s.status !== "passed" && s.status !== "failed") return "n/a";
  const e = s.expectations.find((x) => x.id === expectation);
  return e ? (e.pass ? "pass" : "fail") : "n/a";
}

export function declaredFor(changes: DeclaredChanges, scenario: string, expectation: string): PairClass | null {
  const d = changes.expectations[scenario];
  return d?.[expectation] ?? d?.["*"] ?? null;
}

/**
 * Does a row hold? As declared, or (undeclared) a fix or no change. A side that is not applicable (the build lacks
 * what the scenario needs) is no regression: such a row holds unless the scenario is declared FAIL_TO_PASS, which a
 * proof must show on both ends. A side that did not run never holds.
 */
function holds(cls: PairClass, declared: PairClass | null, base: ComparisonVerdict, head: ComparisonVerdict): boolean {
  if (cls === "INCOMPLETE") {
    if (base === "n/a" || head === "n/a" || declared === "FAIL_TO_PASS") return false;
    return base === "not-applicable" ? head === "pass" || head === "not-applicable" : base === "pass";
  }
  return declared ? cls === declared : cls === "PASS_TO_PASS" || cls === "FAIL_TO_PASS";
}

/**
 * Scenario × expectation rows, base against head, each checked against the declared change, for every scenario that
 * either end selected and every one changes.ts declares for the fix: one that ran on neither end still gets a row
 * (expectation "*", INCOMPLETE), so a partial run cannot pass as a proof. Pure.
 */
export function compareRuns(base: TargetRun, head: TargetRun, changes: DeclaredChanges): ComparisonRow[] {
  const ids = [...new Set([...head.scenarios.map((s) => s.id), ...base.scenarios.map((s) => s.id), ...requiredForProof(changes)])];
  const rows: ComparisonRow[] = [];
  for (const id of ids) {
    const b = base.scenarios.find((x) => x.id === id);
    const h = head.scenarios.find((x) => x.id === id);
    const named = Object.keys(changes.expectations[id] ?? {}).filter((e) => e !== "*");
    const expectationIds = [...new Set([...(b?.expectations ?? []), ...(h?.expectations ?? [])].map((e) => e.id))];
    const list = expectationIds.length ? expectationIds : named.length ? named : ["*"];
    for (const e of list) {
      const bv = verdictOf(b, e);
      const hv = verdictOf(h, e);
      const cls = classify(bv, hv);
      const declared = declaredFor(changes, id, e);
      rows.push({ scenario: id, expectation: e, base: bv, head: hv, class: cls, declared, holds: holds(cls, declared, bv, hv) });
    }
  }
  return rows;
}

/**
 * As bisecting tools do: the base must show the bug, the head must not, for every scenario declared to show it.
 * One that did not run on an end is a failed check of that end, never a silent pass. Pure.
 */
export function preflight(base: TargetRun, head: TargetRun, changes: DeclaredChanges): PreflightResult[] {
  const out: PreflightResult[] = [];
  for (const id of changes.base.expectedToShowBug) {
    const bs = base.scenarios.find((s) => s.id === id);
    const hs = head.scenarios.find((s) => s.id === id);
    out.push(
      bs
        ? { end: "base", expected: `${id} fails (the bug is present)`, ok: bs.status === "failed", detail: `${id} ${bs.status} on ${base.target.version}: ${bs.deciding}` }
        : { end: "base", expected: `${id} fails (the bug is present)`, ok: false, detail: `${id} did not run on ${base.target.version}` },
      hs
        ? { end: "head", expected: `${id} passes (the bug is fixed)`, ok: hs.status === "passed", detail: `${id} ${hs.status} on ${head.target.version}: ${hs.deciding}` }
        : { end: "head", expected: `${id} passes (the bug is fixed)`, ok: false, detail: `${id} did not run on ${head.target.version}` },
    );
  }
  return out;
}
