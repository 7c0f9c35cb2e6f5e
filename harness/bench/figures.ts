/** Pure: summary statistics, ratios and target checks for `pnpm bench`. */
import type { StartReason, Unit } from "./units.ts";

export interface Spread {
  n: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export function spread(values: readonly number[]): Spread {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  const median = v.length === 0 ? 0 : v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
  return { n: v.length, medianMs: Math.round(median), minMs: Math.round(v[0] ?? 0), maxMs: Math.round(v[v.length - 1] ?? 0) };
}

/** One kind of full run: its wall clock and the CPU time (user + system) of its whole process tree. */
export interface RunFigures {
  wall: Spread;
  cpu: Spread;
}

export interface BenchFigures {
  /** The cores the machine has: what CPU-seconds divide by to give the shortest wall a CPU-bound run can have. */
  cores: number;
  floor: {
    /** Spawn → hello-ok of a gateway with the harness's config, and its tree's CPU at hello-ok. */
    gatewayReady: Spread;
    gatewayReadyCpu: Spread;
    /** The same for a bare `openclaw gateway run` with the minimal config (openclaw-facts §3): what the build costs alone. */
    bareGatewayReady: Spread;
    bareGatewayReadyCpu: Spread;
    runtimeProcess: Spread;
    singleScenario: Record<string, Spread>;
  };
  /**
   * smoke: the default core smoke of the head (for the smoke ratio). proof: the default `proof`, as users run it.
   * smokeHead and smokeBase: single-target smokes of each end with the default proof's scenario set (like for like).
   * proofStrength: `proof --strength`, once.
   */
  full: { smoke: RunFigures; smokeHead: RunFigures; smokeBase: RunFigures; proof: RunFigures; proofStrength: RunFigures };
  /** From the last default proof's report: its longest indivisible unit and its gateway starts by reason (bench/units.ts). */
  schedule: { longest: Unit; starts: Record<StartReason, number> };
  cost: { cachedProvision: Spread; harnessPeakRssBytes: number; gatewayPeakRssBytes: number[] };
}

export interface TargetCheck {
  figure: string;
  value: number;
  target: string;
  /** What the target was computed from, in one line. */
  inputs: string;
  pass: boolean;
}

export interface BenchVerdict {
  smokeRatio: number;
  /** proof wall / its physical limit: max(the longest indivisible unit, the proof's CPU-s / cores). */
  proofWallRatio: number;
  /** proof CPU-s / (CPU-s of base single + CPU-s of head single). */
  proofCpuRatio: number;
  slowestScenario: string;
  checks: TargetCheck[];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const ratio = (a: number, b: number): number => (b > 0 ? round2(a / b) : Number.POSITIVE_INFINITY);

/**
 * The targets, each against the physical limit: smoke wall ≤ 1.15 × (gateway ready + slowest scenario alone);
 * proof wall ≤ 1.15 × max(the longest indivisible unit, the proof's CPU-s / cores); proof CPU-s ≤ 1.10 × the singles'
 * CPU-s; proof --strength ≤ 1.6 × the proof. Then the cost targets: harness RSS and cached provisioning.
 */
export function judgeBench(f: BenchFigures): BenchVerdict {
  const [slowestScenario, slowest] = Object.entries(f.floor.singleScenario).sort((a, b) => b[1].medianMs - a[1].medianMs)[0] ?? ["none", spread([])];
  const floor = f.floor.gatewayReady.medianMs + slowest.medianMs;
  const smokeRatio = ratio(f.full.smoke.wall.medianMs, floor);
  const { smokeHead: head, smokeBase: base, proof } = f.full;
  const singlesCpu = head.cpu.medianMs + base.cpu.medianMs;
  const cpuBound = proof.cpu.medianMs / Math.max(1, f.cores);
  const proofLimit = Math.max(f.schedule.longest.ms, cpuBound);
  const proofWallRatio = ratio(proof.wall.medianMs, proofLimit);
  const strengthRatio = ratio(f.full.proofStrength.wall.medianMs, proof.wall.medianMs);
  const proofCpuRatio = ratio(proof.cpu.medianMs, singlesCpu);
  const rssMb = Math.round(f.cost.harnessPeakRssBytes / 1024 / 1024);
  return {
    smokeRatio,
    proofWallRatio,
    proofCpuRatio,
    slowestScenario,
    checks: [
      {
        figure: "smoke wall / floor",
        value: smokeRatio,
        target: "≤ 1.15",
        inputs: `smoke ${s(f.full.smoke.wall.medianMs)} / (gateway ready ${s(f.floor.gatewayReady.medianMs)} + ${slowestScenario} alone ${s(slowest.medianMs)})`,
        pass: smokeRatio <= 1.15,
      },
      {
        figure: "proof wall / physical limit",
        value: proofWallRatio,
        target: "≤ 1.15",
        inputs: `proof ${s(proof.wall.medianMs)} / max(longest unit ${s(f.schedule.longest.ms)} (${f.schedule.longest.name}), proof ${s(proof.cpu.medianMs)} CPU / ${f.cores} cores = ${s(cpuBound)})`,
        pass: proofWallRatio <= 1.15,
      },
      {
        figure: "proof CPU / singles' CPU",
        value: proofCpuRatio,
        target: "≤ 1.10",
        inputs: `proof ${s(proof.cpu.medianMs)} CPU / (base ${s(base.cpu.medianMs)} + head ${s(head.cpu.medianMs)} CPU)`,
        pass: proofCpuRatio <= 1.1,
      },
      {
        figure: "proof --strength / proof",
        value: strengthRatio,
        target: "≤ 1.6",
        inputs: `proof --strength ${s(f.full.proofStrength.wall.medianMs)} (n=${f.full.proofStrength.wall.n}) / proof ${s(proof.wall.medianMs)}`,
        pass: strengthRatio <= 1.6,
      },
      { figure: "harness process peak RSS (MB)", value: rssMb, target: "≤ 150", inputs: "the largest of every full run", pass: rssMb <= 150 },
      { figure: "provisioning of a cached target (ms)", value: f.cost.cachedProvision.medianMs, target: "< 1000", inputs: `max ${f.cost.cachedProvision.maxMs} ms`, pass: f.cost.cachedProvision.maxMs < 1000 },
    ],
  };
}

export function renderBench(f: BenchFigures, v: BenchVerdict): string {
  const sp = (x: Spread): string => `median ${(x.medianMs / 1000).toFixed(2)} s  min ${(x.minMs / 1000).toFixed(2)} s  max ${(x.maxMs / 1000).toFixed(2)} s  (n=${x.n})`;
  const run = (label: string, r: RunFigures): string[] => [`  ${label.padEnd(36)}wall ${sp(r.wall)}`, `  ${"".padEnd(36)}CPU  ${sp(r.cpu)}`];
  const lines = [
    `floor (${f.cores} cores)`,
    `  gateway spawn → hello-ok (ours)     ${sp(f.floor.gatewayReady)}`,
    `    its CPU at hello-ok               ${sp(f.floor.gatewayReadyCpu)}`,
    `  bare gateway, minimal config        ${sp(f.floor.bareGatewayReady)}`,
    `    its CPU at hello-ok               ${sp(f.floor.bareGatewayReadyCpu)}`,
    `  one runtime process (spawn → answer) ${sp(f.floor.runtimeProcess)}`,
    ...Object.entries(f.floor.singleScenario).map(([id, x]) => `  scenario alone: ${id.padEnd(27)} ${sp(x)}`),
    "full runs (CPU: user + system of the run's whole process tree)",
    ...run("smoke (head, the core scenarios)", f.full.smoke),
    ...run("smoke (head, the default proof's scenarios)", f.full.smokeHead),
    ...run("smoke (base, the default proof's scenarios)", f.full.smokeBase),
    ...run("proof (default, base against head)", f.full.proof),
    ...run("proof --strength", f.full.proofStrength),
    "schedule (the last default proof)",
    `  gateway starts by reason            ${Object.entries(f.schedule.starts).map(([k, n]) => `${k} ${n}`).join(", ")}`,
    `  longest indivisible unit            ${s(f.schedule.longest.ms)}: ${f.schedule.longest.name}`,
    "cost",
    `  cached target provisioning          ${sp(f.cost.cachedProvision)}`,
    `  harness process peak RSS            ${(f.cost.harnessPeakRssBytes / 1024 / 1024).toFixed(1)} MB`,
    `  gateway peak RSS (each)             ${f.cost.gatewayPeakRssBytes.map((b) => `${(b / 1024 / 1024 / 1024).toFixed(2)} GB`).join(", ")}`,
    "targets (medians)",
    ...v.checks.flatMap((c) => [`  ${c.pass ? "PASS" : "FAIL"}  ${c.figure.padEnd(38)} ${String(c.value).padStart(8)}  target ${c.target}`, `        ${c.inputs}`]),
  ];
  return lines.join("\n");
}

/**
 * `bench --profile`: the strength run (every mutant of scenarios/mutants/, with the baselines of its catchers) against
 * one single-target smoke, whose wall it may take at most 12 times. Pure.
 */
export function strengthCheck(strengthWallMs: number, mutants: number, smoke: Spread): TargetCheck {
  const value = smoke.medianMs > 0 ? Math.round((strengthWallMs / smoke.medianMs) * 100) / 100 : Number.POSITIVE_INFINITY;
  return {
    figure: "strength run / one smoke",
    value,
    target: "≤ 12",
    inputs: `strength run of ${mutants} mutants ${(strengthWallMs / 1000).toFixed(1)} s / smoke ${(smoke.medianMs / 1000).toFixed(1)} s (median of ${smoke.n})`,
    pass: value <= 12,
  };
}
