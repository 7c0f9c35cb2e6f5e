/** Pure: a run's phase spans summed and laid on its wall clock, for `pnpm bench --profile`. */
import { PHASES, type Phase, type PhaseEntry } from "../run/phases.ts";

export interface PhaseRow {
  phase: Phase;
  spans: number;
  /** Sum of the spans: CPU-ish work when spans overlap (two gateways starting together count twice). */
  sumMs: number;
  /** Wall time during which at least one span of this phase was running. */
  wallMs: number;
}

export interface Profile {
  label: string;
  runWallMs: number;
  rows: PhaseRow[];
  /** Wall time covered by no phase at all: process start, module loading, target provisioning, waits between. */
  outsideMs: number;
}

/** Length of the union of [start, start + duration) intervals. */
export function unionMs(spans: ReadonlyArray<{ startMs: number; durationMs: number }>): number {
  const sorted = [...spans].sort((a, b) => a.startMs - b.startMs);
  let total = 0;
  let curStart = Number.NEGATIVE_INFINITY;
  let curEnd = Number.NEGATIVE_INFINITY;
  for (const s of sorted) {
    const end = s.startMs + s.durationMs;
    if (s.startMs > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = s.startMs;
      curEnd = end;
    } else if (end > curEnd) curEnd = end;
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

export function summarizeProfile(label: string, entries: readonly PhaseEntry[], runWallMs: number): Profile {
  const rows = PHASES.map((phase) => {
    const spans = entries.filter((e) => e.phase === phase);
    return { phase, spans: spans.length, sumMs: spans.reduce((a, s) => a + s.durationMs, 0), wallMs: unionMs(spans) };
  });
  return { label, runWallMs, rows, outsideMs: Math.max(0, runWallMs - unionMs(entries)) };
}

export function renderProfile(p: Profile): string {
  const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`.padStart(9);
  const pct = (ms: number): string => `${p.runWallMs > 0 ? Math.round((100 * ms) / p.runWallMs) : 0}%`.padStart(4);
  return [
    `profile: ${p.label} (wall ${(p.runWallMs / 1000).toFixed(2)} s)`,
    `  ${"phase".padEnd(24)} spans       sum      wall  of run`,
    ...p.rows.map((r) => `  ${r.phase.padEnd(24)} ${String(r.spans).padStart(5)} ${sec(r.sumMs)} ${sec(r.wallMs)}  ${pct(r.wallMs)}`),
    `  ${"outside every phase".padEnd(24)}       ${" ".repeat(9)} ${sec(p.outsideMs)}  ${pct(p.outsideMs)}`,
  ].join("\n");
}
