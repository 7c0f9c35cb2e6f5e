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
});
