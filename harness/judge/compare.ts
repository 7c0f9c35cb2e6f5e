import type { ComparisonRow, PairClass, PreflightResult, TargetRun } from "../evidence/types.ts";
import type { DeclaredChanges } from "../plan/changes-types.ts";

type Verdict = "pass" | "fail" | "n/a";

export function classify(base: Verdict, head: Verdict): PairClass {
  if (base === "n/a" || head === "n/a") return "INCOMPLETE";
  if (base === "fail") return head === "pass" ? "FAIL_TO_PASS" : "FAIL_TO_FAIL";
  return head === "pass" ? "PASS_TO_PASS" : "PASS_TO_FAIL";
}

function verdicts(run: TargetRun): Map<string, Verdict> {
  const m = new Map<string, Verdict>();
  for (const s of run.scenarios) {
    for (const e of s.expectations) m.set(`${s.id}\u0000${e.id}`, s.status === "passed" || s.status === "failed" ? (e.pass ? "pass" : "fail") : "n/a");
  }
  return m;
}

function declaredFor(changes: DeclaredChanges, scenario: string, expectation: string): PairClass | null {
  const d = changes.expectations[scenario];
  return d?.[expectation] ?? d?.["*"] ?? null;
}

/** Scenario × expectation rows, base against head, each checked against the declared change. Pure. */
export function compareRuns(base: TargetRun, head: TargetRun, changes: DeclaredChanges): ComparisonRow[] {
  const b = verdicts(base);
  const h = verdicts(head);
  const rows: ComparisonRow[] = [];
  for (const s of head.scenarios.length ? head.scenarios : base.scenarios) {
    const ids = new Set([...(base.scenarios.find((x) => x.id === s.id)?.expectations ?? []), ...s.expectations].map((e) => e.id));
    for (const e of ids) {
      const key = `${s.id}\u0000${e}`;
      const bv = b.get(key) ?? "n/a";
      const hv = h.get(key) ?? "n/a";
      const cls = classify(bv, hv);
      const declared = declaredFor(changes, s.id, e);
      const holds = declared ? cls === declared : cls === "PASS_TO_PASS" || cls === "FAIL_TO_PASS";
      rows.push({ scenario: s.id, expectation: e, base: bv, head: hv, class: cls, declared, holds });
    }
  }
  return rows;
}

/** As bisecting tools do: the base must show the bug, the head must not. Names the end that misbehaved. Pure. */
export function preflight(base: TargetRun, head: TargetRun, changes: DeclaredChanges): PreflightResult[] {
  const out: PreflightResult[] = [];
  for (const id of changes.base.expectedToShowBug) {
    const bs = base.scenarios.find((s) => s.id === id);
    const hs = head.scenarios.find((s) => s.id === id);
    if (bs) {
      out.push({ end: "base", expected: `${id} fails (the bug is present)`, ok: bs.status === "failed", detail: `${id} ${bs.status} on ${base.target.version}: ${bs.deciding}` });
    }
    if (hs) {
      out.push({ end: "head", expected: `${id} passes (the bug is fixed)`, ok: hs.status === "passed", detail: `${id} ${hs.status} on ${head.target.version}: ${hs.deciding}` });
    }
  }
  return out;
}
