import { describe, expect, it } from "vitest";
import { expectedSteps, nextBisectStep, type Verdict } from "./bisect.ts";

const CANDIDATES = ["2026.5.18", "2026.5.19", "2026.5.20", "2026.5.22", "2026.5.26", "2026.5.27", "2026.5.28", "2026.6.1", "2026.6.5", "2026.6.6", "2026.6.8", "2026.6.9", "2026.6.10"];

/** Run the bisect against a verdict per version; returns the versions run and the answer. */
function bisect(verdictOf: (v: string) => Verdict, oldVerdict = "shows-bug"): { ran: string[]; answer: ReturnType<typeof nextBisectStep> } {
  const results = new Map<string, Verdict>([[CANDIDATES.at(-1) as string, verdictOf(CANDIDATES.at(-1) as string)]]);
  const ran: string[] = [];
  for (;;) {
    const step = nextBisectStep(CANDIDATES, oldVerdict, results);
    if (step.kind !== "test") return { ran, answer: step };
    ran.push(step.version);
    results.set(step.version, verdictOf(step.version));
  }
}

describe("nextBisectStep", () => {
  const fixedFrom = (first: string) => (v: string): Verdict => (CANDIDATES.indexOf(v) >= CANDIDATES.indexOf(first) ? "fixed" : "shows-bug");

  it("names 2026.6.6 from 2026.5.12 to 2026.6.10 in at most ⌈log₂ n⌉ steps", () => {
    const { ran, answer } = bisect(fixedFrom("2026.6.6"));
    expect(answer).toEqual({ kind: "found", version: "2026.6.6", verdict: "fixed" });
    expect(ran.length).toBeLessThanOrEqual(expectedSteps(CANDIDATES.length));
  });

  it("finds a change at either end of the range and a regression as well as a fix", () => {
    expect(bisect(fixedFrom("2026.5.18")).answer).toMatchObject({ version: "2026.5.18" });
    expect(bisect(fixedFrom("2026.6.10")).answer).toMatchObject({ version: "2026.6.10" });
    const regressed = (v: string): Verdict => (CANDIDATES.indexOf(v) >= 4 ? "other-failure" : "fixed");
    expect(bisect(regressed, "fixed").answer).toEqual({ kind: "found", version: "2026.5.26", verdict: "other-failure" });
  });

  it("steps around builds that give no verdict, and names a range when they hide the change", () => {
    const skip = (v: string): Verdict => (v === "2026.6.1" ? null : fixedFrom("2026.6.6")(v));
    expect(bisect(skip).answer).toMatchObject({ kind: "found", version: "2026.6.6" });
    const hidden = (v: string): Verdict => (v === "2026.6.5" ? null : fixedFrom("2026.6.5")(v));
    expect(bisect(hidden).answer).toEqual({ kind: "range", versions: ["2026.6.5", "2026.6.6"] });
  });

  it("log₂ steps", () => {
    expect([0, 1, 2, 3, 13, 16, 17].map(expectedSteps)).toEqual([0, 0, 1, 2, 4, 4, 5]);
  });
});
