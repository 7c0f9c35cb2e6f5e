/** Pure: summary statistics, ratios and target checks for `pnpm bench`. */

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

export interface BenchFigures {
  floor: { gatewayReady: Spread; runtimeProcess: Spread; singleScenario: Record<string, Spread> };
  /**
   * smoke: the default core smoke of the head (for the smoke ratio). smokeHead and smokeBase: single-target smokes of
   * each end with the proof's scenario set, and proof: the proof of that set (for the proof ratio, like for like).
   */
  full: { smoke: Spread; smokeHead: Spread; smokeBase: Spread; proof: Spread };
  cost: { cachedProvision: Spread; harnessPeakRssBytes: number; gatewayPeakRssBytes: number[] };
}

export interface TargetCheck {
  figure: string;
  value: number;
  target: string;
  pass: boolean;
}

export interface BenchVerdict {
  smokeRatio: number;
  proofRatio: number;
  slowestScenario: string;
  checks: TargetCheck[];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** smoke / (gateway ready + slowest single scenario); proof / slower single-target smoke of its set; RSS; provisioning. */
export function judgeBench(f: BenchFigures): BenchVerdict {
  const [slowestScenario, slowest] = Object.entries(f.floor.singleScenario).sort((a, b) => b[1].medianMs - a[1].medianMs)[0] ?? ["none", spread([])];
  const floor = f.floor.gatewayReady.medianMs + slowest.medianMs;
  const smokeRatio = floor > 0 ? round2(f.full.smoke.medianMs / floor) : Number.POSITIVE_INFINITY;
  const slowerSmoke = Math.max(f.full.smokeHead.medianMs, f.full.smokeBase.medianMs);
  const proofRatio = slowerSmoke > 0 ? round2(f.full.proof.medianMs / slowerSmoke) : Number.POSITIVE_INFINITY;
  const rssMb = Math.round(f.cost.harnessPeakRssBytes / 1024 / 1024);
  return {
    smokeRatio,
    proofRatio,
    slowestScenario,
    checks: [
      // Issue 14's targets: smoke ≤ 1.15 × floor, proof ≤ 1.25 × the slower single-target smoke (definitions unchanged).
      { figure: "single-target smoke ratio", value: smokeRatio, target: "≤ 1.15", pass: smokeRatio <= 1.15 },
      { figure: "proof ratio", value: proofRatio, target: "≤ 1.25", pass: proofRatio <= 1.25 },
      { figure: "harness process peak RSS (MB)", value: rssMb, target: "≤ 150", pass: rssMb <= 150 },
      { figure: "provisioning of a cached target (ms)", value: f.cost.cachedProvision.medianMs, target: "< 1000", pass: f.cost.cachedProvision.maxMs < 1000 },
    ],
  };
}

export function renderBench(f: BenchFigures, v: BenchVerdict): string {
  const s = (x: Spread): string => `median ${(x.medianMs / 1000).toFixed(2)} s  min ${(x.minMs / 1000).toFixed(2)} s  max ${(x.maxMs / 1000).toFixed(2)} s  (n=${x.n})`;
  const lines = [
    "floor",
    `  gateway spawn → hello-ok            ${s(f.floor.gatewayReady)}`,
    `  one runtime process (spawn → answer) ${s(f.floor.runtimeProcess)}`,
    ...Object.entries(f.floor.singleScenario).map(([id, x]) => `  scenario alone: ${id.padEnd(27)} ${s(x)}`),
    "full runs",
    `  smoke (head, the core scenarios)    ${s(f.full.smoke)}`,
    `  smoke (head, the proof's scenarios) ${s(f.full.smokeHead)}`,
    `  smoke (base, the proof's scenarios) ${s(f.full.smokeBase)}`,
    `  proof (base against head)           ${s(f.full.proof)}`,
    "cost",
    `  cached target provisioning          ${s(f.cost.cachedProvision)}`,
    `  harness process peak RSS            ${(f.cost.harnessPeakRssBytes / 1024 / 1024).toFixed(1)} MB`,
    `  gateway peak RSS (each)             ${f.cost.gatewayPeakRssBytes.map((b) => `${(b / 1024 / 1024 / 1024).toFixed(2)} GB`).join(", ")}`,
    "ratios",
    `  smoke / (gateway ready + slowest scenario alone: ${v.slowestScenario}) = ${v.smokeRatio}`,
    `  proof / slower single-target smoke = ${v.proofRatio}`,
    "targets",
    ...v.checks.map((c) => `  ${c.pass ? "PASS" : "FAIL"}  ${c.figure.padEnd(38)} ${String(c.value).padStart(8)}  target ${c.target}`),
  ];
  return lines.join("\n");
}
