/** Pure: a run's phase spans summed and laid on its wall clock, for `pnpm bench --profile`. */
import { PHASES, type Phase, type PhaseEntry } from "../run/phases.ts";
import type { CpuKind, CpuSample } from "../proc/cpu-samples.ts";

/** What the CLI writes with --profile-out. */
export interface ProfileData {
  wallMs: number;
  phases: PhaseEntry[];
  cpu: {
    samples: CpuSample[];
    /** The harness process itself. */
    harnessOwnMs: number;
    /** Everything the harness reaped (its gateways and runtime processes, with what they reaped); null if unread. */
    reapedMs: number | null;
  };
}

export interface CpuRow {
  kind: CpuKind | "harness itself" | "harness and all it reaped";
  processes: number;
  sumMs: number;
}

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
  /** CPU time by process kind (empty for a profile without CPU samples). */
  cpu: CpuRow[];
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

export function summarizeProfile(label: string, entries: readonly PhaseEntry[], runWallMs: number, cpu: ProfileData["cpu"] | null = null): Profile {
  const rows = PHASES.map((phase) => {
    const spans = entries.filter((e) => e.phase === phase);
    return { phase, spans: spans.length, sumMs: spans.reduce((a, s) => a + s.durationMs, 0), wallMs: unionMs(spans) };
  });
  return { label, runWallMs, rows, outsideMs: Math.max(0, runWallMs - unionMs(entries)), cpu: cpu ? cpuRows(cpu) : [] };
}

/** CPU by kind: each gateway's start and whole run, the runtime processes, the harness, and all of it. Pure. */
export function cpuRows(cpu: ProfileData["cpu"]): CpuRow[] {
  const kinds: CpuKind[] = ["gateway start", "gateway run", "runtime process"];
  const rows: CpuRow[] = kinds.map((kind) => {
    const of = cpu.samples.filter((x) => x.kind === kind);
    return { kind, processes: of.length, sumMs: of.reduce((a, x) => a + x.ms, 0) };
  });
  rows.push({ kind: "harness itself", processes: 1, sumMs: cpu.harnessOwnMs });
  if (cpu.reapedMs !== null) rows.push({ kind: "harness and all it reaped", processes: 1, sumMs: cpu.harnessOwnMs + cpu.reapedMs });
  return rows;
}

export function renderProfile(p: Profile): string {
  const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`.padStart(9);
  const pct = (ms: number): string => `${p.runWallMs > 0 ? Math.round((100 * ms) / p.runWallMs) : 0}%`.padStart(4);
  return [
    `profile: ${p.label} (wall ${(p.runWallMs / 1000).toFixed(2)} s)`,
    `  ${"phase".padEnd(24)} spans       sum      wall  of run`,
    ...p.rows.map((r) => `  ${r.phase.padEnd(24)} ${String(r.spans).padStart(5)} ${sec(r.sumMs)} ${sec(r.wallMs)}  ${pct(r.wallMs)}`),
    `  ${"outside every phase".padEnd(24)}       ${" ".repeat(9)} ${sec(p.outsideMs)}  ${pct(p.outsideMs)}`,
    ...(p.cpu.length
      ? [
          `  ${"CPU (user + system)".padEnd(24)} procs   CPU-s  (gateway run includes its start; the last row is the whole run)`,
          ...p.cpu.map((r) => `  ${r.kind.padEnd(24)} ${String(r.processes).padStart(5)} ${sec(r.sumMs)}`),
        ]
      : []),
  ].join("\n");
}
