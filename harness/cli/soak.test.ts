import { describe, expect, it } from "vitest";
import { summarizeSoak } from "./soak.ts";

describe("summarizeSoak (pure)", () => {
  it("counts passes and flakes and the wall-time spread", () => {
    const s = summarizeSoak([
      { index: 1, status: "passed", wallMs: 19_000, failed: [], runId: "a" },
      { index: 2, status: "failed", wallMs: 25_000, failed: ["x"], runId: "b" },
      { index: 3, status: "passed", wallMs: 18_000, failed: [], runId: "c" },
    ]);
    expect(s).toEqual({ runs: 3, passed: 2, flakes: 1, minMs: 18_000, medianMs: 19_000, maxMs: 25_000 });
  });
});
