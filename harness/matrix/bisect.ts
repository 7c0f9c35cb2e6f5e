/**
 * Bisect over releases: find the first release after --old (up to --new) whose verdict differs from --old's. A verdict
 * is the class of the chosen scenarios (fixed, shows-bug, other-failure); a not-applicable or broken build says
 * nothing and is stepped around, as `git bisect skip` does. Pure.
 */

/** A verdict, or null for a build that could not give one (not applicable, broken). */
export type Verdict = string | null;

export type BisectStep =
  | { kind: "test"; version: string }
  | { kind: "found"; version: string; verdict: string }
  /** Builds that gave no verdict hide the change: it is one of these. */
  | { kind: "range"; versions: string[] };

/**
 * The next version to run, or the answer. `candidates` are the releases after --old up to --new (semver order,
 * --new last); `results` holds the verdicts seen so far (--new's among them); `oldVerdict` is --old's.
 */
export function nextBisectStep(candidates: readonly string[], oldVerdict: string, results: ReadonlyMap<string, Verdict>): BisectStep {
  let lo = -1;
  candidates.forEach((v, i) => {
    if (results.get(v) === oldVerdict) lo = i;
  });
  let hi = candidates.length - 1;
  for (let i = lo + 1; i < candidates.length; i++) {
    const r = results.get(candidates[i] as string);
    if (r !== undefined && r !== null && r !== oldVerdict) {
      hi = i;
      break;
    }
  }
  const open = [];
  for (let i = lo + 1; i < hi; i++) if (!results.has(candidates[i] as string)) open.push(i);
  if (open.length === 0) {
    const silent = candidates.slice(lo + 1, hi);
    const last = candidates[hi] as string;
    return silent.length ? { kind: "range", versions: [...silent, last] } : { kind: "found", version: last, verdict: results.get(last) ?? "?" };
  }
  const mid = (lo + hi) / 2;
  const pick = open.reduce((best, i) => (Math.abs(i - mid) < Math.abs(best - mid) ? i : best), open[0] as number);
  return { kind: "test", version: candidates[pick] as string };
}

/** ⌈log₂(n)⌉ steps for n candidates between the ends (each end runs once as well). Pure. */
export function expectedSteps(n: number): number {
  return n <= 1 ? 0 : Math.ceil(Math.log2(n));
}
