/**
 * Where a run's time goes, for `pnpm bench --profile`: each phase of each gateway group (and of the run) is a
 * `performance.measure` named `phase:<name>`, Node's own timeline. The CLI writes them out with `--profile-out`;
 * nothing else reads them, and they never enter the evidence (they are how long, not what happened).
 */
export const PHASES = ["sandbox", "gateway spawn → ready", "scenarios", "lifecycle step", "control settle", "gateway stop", "hygiene", "render and write"] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseEntry {
  phase: Phase;
  startMs: number; // since the process's time origin
  durationMs: number;
}

const PREFIX = "phase:";

/** Times `fn` as one span of `phase`, whether it returns or throws. */
export async function timed<T>(phase: Phase, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    endPhase(phase, start);
  }
}

/** Records one span of `phase` from `start` (a `performance.now()` reading) until now. */
export function endPhase(phase: Phase, start: number): void {
  performance.measure(`${PREFIX}${phase}`, { start, end: performance.now() });
}

/** Every phase span this process recorded, in start order. */
export function phaseEntries(): PhaseEntry[] {
  return performance
    .getEntriesByType("measure")
    .filter((e) => e.name.startsWith(PREFIX))
    .map((e) => ({ phase: e.name.slice(PREFIX.length) as Phase, startMs: Math.round(e.startTime), durationMs: Math.round(e.duration) }))
    .sort((a, b) => a.startMs - b.startMs);
}
