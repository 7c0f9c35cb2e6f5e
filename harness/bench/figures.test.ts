import { describe, expect, it } from "vitest";
import { judgeBench, renderBench, spread, type BenchFigures, type RunFigures, strengthCheck } from "./figures.ts";

const run = (wall: number, cpu: number): RunFigures => ({ wall: spread([wall, wall, wall]), cpu: spread([cpu, cpu, cpu]) });

interface Knobs {
  smoke?: number;
  proof?: number;
  proofCpu?: number;
  head?: [number, number];
  base?: [number, number];
  rss?: number;
  prov?: number;
  unit?: number;
  strength?: number;
}

const figures = (k: Knobs = {}): BenchFigures => ({
  cores: 2,
  floor: {
    gatewayReady: spread([10_000, 9_000, 11_000]),
    gatewayReadyCpu: spread([11_000]),
    bareGatewayReady: spread([9_500]),
    bareGatewayReadyCpu: spread([10_500]),
    runtimeProcess: spread([800, 700, 900]),
    singleScenario: { a: spread([500, 600, 700]), b: spread([1_900, 2_000, 2_100]) },
  },
  full: {
    smoke: run(k.smoke ?? 13_800, 18_000),
    smokeHead: run(...(k.head ?? [20_000, 32_000])),
    smokeBase: run(...(k.base ?? [14_000, 24_000])),
    proof: run(k.proof ?? 30_000, k.proofCpu ?? 58_000),
    proofStrength: { wall: spread([k.strength ?? 45_000]), cpu: spread([90_000]) },
  },
  schedule: { longest: { name: "head lifecycle-gateway-restart", ms: k.unit ?? 20_000 }, starts: { group: 4, lifecycle: 10, "lifecycle-restart": 6, "legacy-import": 1, strength: 0 } },
  cost: { cachedProvision: spread([5, 5, 5]), harnessPeakRssBytes: (k.rss ?? 120) * 1024 * 1024, gatewayPeakRssBytes: [1.5e9] },
});

describe("bench figures (pure)", () => {
  it("spread gives median, min and max", () => {
    expect(spread([3, 1, 2])).toEqual({ n: 3, medianMs: 2, minMs: 1, maxMs: 3 });
    expect(spread([4, 1, 3, 2]).medianMs).toBe(3);
  });

  it("smoke wall divides by gateway ready plus the slowest scenario alone; just over 1.15 fails", () => {
    const v = judgeBench(figures());
    expect(v.slowestScenario).toBe("b");
    expect(v.smokeRatio).toBe(1.15);
    expect(v.checks.every((c) => c.pass)).toBe(true);
    expect(judgeBench(figures({ smoke: 13_900 })).checks[0]?.pass).toBe(false);
  });

  it("proof wall divides by the larger of the longest indivisible unit and the proof's CPU-seconds over the cores", () => {
    // CPU-bound: 58 / 2 = 29 s beats the longest unit (20 s).
    expect(judgeBench(figures()).proofWallRatio).toBe(1.03);
    expect(judgeBench(figures({ proof: 34_000 })).checks[1]?.pass).toBe(false);
    // Unit-bound: one lifecycle scenario of 40 s is the limit.
    expect(judgeBench(figures({ unit: 40_000, proof: 44_000 })).proofWallRatio).toBe(1.1);
  });

  it("proof CPU is held to 1.10 × the sum of the singles' CPU", () => {
    expect(judgeBench(figures()).proofCpuRatio).toBe(1.04);
    expect(judgeBench(figures({ proofCpu: 62_000 })).checks[2]?.pass).toBe(false);
  });

  it("fails each target it misses and prints every target with its inputs", () => {
    const f = figures({ smoke: 20_000, proof: 42_000, proofCpu: 70_000, rss: 200 });
    const v = judgeBench(f);
    expect(v.checks.map((c) => c.pass)).toEqual([false, false, false, true, false, true]);
    const text = renderBench(f, v);
    expect(text).toMatch(/FAIL {2}smoke wall \/ floor/);
    expect(text).toContain("proof 42.0 s / max(longest unit 20.0 s (head lifecycle-gateway-restart), proof 70.0 s CPU / 2 cores = 35.0 s)");
    expect(text).toContain("gateway starts by reason            group 4, lifecycle 10, lifecycle-restart 6, legacy-import 1, strength 0");
    expect(text).toContain("proof 70.0 s CPU / (base 24.0 s + head 32.0 s CPU)");
  });
});

describe("proof --strength against the default proof", () => {
  it("holds it to 1.6 times the proof's wall", () => {
    expect(judgeBench(figures({ strength: 48_000 })).checks[3]).toMatchObject({ figure: "proof --strength / proof", value: 1.6, pass: true });
    expect(judgeBench(figures({ strength: 48_300 })).checks[3]?.pass).toBe(false);
  });
});

describe("strengthCheck", () => {
  it("holds the strength run to 12 smokes", () => {
    const smoke = { n: 3, medianMs: 20_000, minMs: 19_000, maxMs: 22_000 };
    expect(strengthCheck(120_000, 11, smoke)).toMatchObject({ value: 6, pass: true, inputs: "strength run of 11 mutants 120.0 s / smoke 20.0 s (median of 3)" });
    expect(strengthCheck(250_000, 11, smoke)).toMatchObject({ value: 12.5, pass: false });
  });
});
