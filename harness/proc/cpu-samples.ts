/**
 * CPU time per process kind, for `pnpm bench --profile` (CPU-seconds beside the wall clock of run/phases.ts). Taken
 * only when the CLI was asked for a profile (--profile-out): reading /proc costs the run nothing otherwise. Like the
 * phases, they never enter the evidence.
 */
export type CpuKind = "gateway start" | "gateway run" | "runtime process";

export interface CpuSample {
  kind: CpuKind;
  /** gateway start: its whole tree at hello-ok; gateway run: the tree just before the harness stops it (start
   * included); runtime process: what the process reported of itself as it ended. */
  ms: number;
}

let enabled = false;
const samples: CpuSample[] = [];

export function enableCpuSamples(): void {
  enabled = true;
}

export function cpuSampling(): boolean {
  return enabled;
}

export function recordCpu(kind: CpuKind, ms: number): void {
  if (enabled && Number.isFinite(ms)) samples.push({ kind, ms: Math.round(ms) });
}

export function cpuSamples(): CpuSample[] {
  return [...samples];
}
