import { describe, expect, it } from "vitest";
import { judgeBench, renderBench, spread, type BenchFigures } from "./figures.ts";

const figures = (smoke: number, proof: number, rss: number, prov: number): BenchFigures => ({
  floor: { gatewayReady: spread([10_000, 9_000, 11_000]), runtimeProcess: spread([800, 700, 900]), singleScenario: { a: spread([500, 600, 700]), b: spread([1_900, 2_000, 2_100]) } },
  full: { smoke: spread([smoke, smoke, smoke]), smokeHead: spread([13_800, 13_800, 13_800]), smokeBase: spread([10_000, 10_000, 10_000]), proof: spread([proof, proof, proof]) },
  cost: { cachedProvision: spread([prov, prov, prov]), harnessPeakRssBytes: rss * 1024 * 1024, gatewayPeakRssBytes: [1.5e9] },
});

describe("bench figures (pure)", () => {
  it("spread gives median, min and max", () => {
    expect(spread([3, 1, 2])).toEqual({ n: 3, medianMs: 2, minMs: 1, maxMs: 3 });
    expect(spread([4, 1, 3, 2]).medianMs).toBe(3);
  });

  it("smoke ratio divides by gateway ready plus the slowest scenario alone", () => {
    const v = judgeBench(figures(13_800, 15_000, 120, 5));
    expect(v.slowestScenario).toBe("b");
    expect(v.smokeRatio).toBe(1.15);
    expect(v.proofRatio).toBe(1.09);
    expect(v.checks.every((c) => c.pass)).toBe(true);
    // Just over either target fails it.
    expect(judgeBench(figures(13_900, 15_000, 120, 5)).checks[0]?.pass).toBe(false);
    expect(judgeBench(figures(13_800, 17_400, 120, 5)).checks[1]?.pass).toBe(false);
  });

  it("divides the proof by the slower of the two singles that ran the proof's scenarios, not by the core smoke", () => {
    const f = figures(5_000, 20_000, 120, 5);
    const slowBase = { ...f, full: { ...f.full, smokeBase: spread([16_000, 16_000, 16_000]) } };
    expect(judgeBench(f).proofRatio).toBe(1.45); // 20 000 / smokeHead 13 800
    expect(judgeBench(slowBase).proofRatio).toBe(1.25); // 20 000 / smokeBase 16 000
  });

  it("fails each target it misses and says so in the rendering", () => {
    const v = judgeBench(figures(20_000, 30_000, 200, 1500));
    expect(v.checks.map((c) => c.pass)).toEqual([false, false, false, false]);
    expect(renderBench(figures(20_000, 30_000, 200, 1500), v)).toMatch(/FAIL {2}single-target smoke ratio/);
  });
});
