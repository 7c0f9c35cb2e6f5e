import { describe, expect, it } from "vitest";
import { renderProfile, summarizeProfile, unionMs } from "./profile.ts";

describe("phase profile", () => {
  it("counts overlapping spans once on the wall clock and twice in the sum", () => {
    expect(unionMs([{ startMs: 0, durationMs: 10 }, { startMs: 5, durationMs: 10 }, { startMs: 30, durationMs: 5 }])).toBe(20);
    const p = summarizeProfile("proof", [
      { phase: "gateway spawn → ready", startMs: 100, durationMs: 9000 },
      { phase: "gateway spawn → ready", startMs: 150, durationMs: 11000 },
      { phase: "scenarios", startMs: 11200, durationMs: 4000 },
    ], 20000);
    const ready = p.rows.find((r) => r.phase === "gateway spawn → ready");
    expect(ready).toEqual({ phase: "gateway spawn → ready", spans: 2, sumMs: 20000, wallMs: 11050 });
    expect(p.outsideMs).toBe(20000 - 11050 - 4000);
  });

  it("lists every phase, the ones that did not happen with zero spans", () => {
    const text = renderProfile(summarizeProfile("smoke", [], 1000));
    for (const phase of ["sandbox", "gateway spawn → ready", "scenarios", "control settle", "gateway stop", "hygiene", "render and write"]) expect(text).toContain(phase);
    expect(text).toMatch(/outside every phase\s+1\.00 s\s+100%/);
  });

  it("sums CPU per process kind, and the whole run is the harness plus what it reaped", () => {
    const cpu = { samples: [{ kind: "gateway start" as const, ms: 10_700 }, { kind: "runtime process" as const, ms: 700 }, { kind: "runtime process" as const, ms: 1_500 }, { kind: "gateway run" as const, ms: 12_700 }], harnessOwnMs: 1_100, reapedMs: 18_000 };
    const p = summarizeProfile("smoke", [], 11_000, cpu);
    expect(p.cpu).toEqual([
      { kind: "gateway start", processes: 1, sumMs: 10_700 },
      { kind: "gateway run", processes: 1, sumMs: 12_700 },
      { kind: "runtime process", processes: 2, sumMs: 2_200 },
      { kind: "harness itself", processes: 1, sumMs: 1_100 },
      { kind: "harness and all it reaped", processes: 1, sumMs: 19_100 },
    ]);
    expect(renderProfile(p)).toMatch(/runtime process\s+2\s+2\.20 s/);
    expect(renderProfile(summarizeProfile("smoke", [], 1000))).not.toContain("CPU");
  });
});
