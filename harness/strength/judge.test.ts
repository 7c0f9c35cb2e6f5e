import { describe, expect, it } from "vitest";
import type { MutantRecord, ScenarioResult } from "../evidence/types.ts";
import type { MutantDefinition } from "../plan/mutant-types.ts";
import { belowBreak } from "../judge/run-status.ts";
import { judgeMutant, strengthScore, unfailedExpectations } from "./judge.ts";
import type { Located } from "./locate.ts";

const m: MutantDefinition = { id: "m", reverts: "r", loadedBy: "runtime", locators: [{ find: "a", replace: "b" }], catchers: { one: ["resolve", "runtime-token"], two: ["resolve"] } };
const applies: Located = { status: "applies", locator: 0, file: "x.mjs", offset: 3, counts: [{ locator: 0, matches: 1, files: ["x.mjs"] }] };

/** A small fake result: only what the judge reads. */
function result(id: string, status: ScenarioResult["status"], failed: string[] = [], timedOut = false): ScenarioResult {
  return {
    id,
    status,
    deciding: `${id} ${status}`,
    expectations: ["resolve", "runtime-token"].map((e) => ({ id: e, description: e, expected: "x", observed: "y", pass: !failed.includes(e) })),
    observations: { runtime: timedOut ? { timedOut: true } : null },
  } as unknown as ScenarioResult;
}

/** Every catcher passes on the unmutated build. */
const PASSES = (id: string): ScenarioResult => result(id, "passed");

describe("judgeMutant", () => {
  const both = new Set(["one", "two"]);
  it("is killed when a catcher fails, naming the expectations that failed", () => {
    const r = judgeMutant(m, applies, new Map([["one~m", result("one~m", "failed", ["runtime-token"])], ["two~m", result("two~m", "passed")]]), both, PASSES);
    expect(r.status).toBe("killed");
    expect(r.reason).toBe("killed by one (runtime-token)");
    expect(r.applied).toEqual({ locator: 1, file: "x.mjs" });
    expect(r.scenarios.map((s) => [s.id, s.status, s.failed])).toEqual([["one", "failed", ["runtime-token"]], ["two", "passed", []]]);
  });
  it("is a timeout when its catchers failed only at the runtime timeout", () => {
    const r = judgeMutant(m, applies, new Map([["one~m", result("one~m", "failed", ["resolve"], true)]]), new Set(["one"]), PASSES);
    expect(r.status).toBe("timeout");
  });
  it("survives when its catchers pass, or are not in the run", () => {
    const passed = judgeMutant(m, applies, new Map([["one~m", result("one~m", "passed")]]), new Set(["one"]), PASSES);
    expect(passed.status).toBe("survived");
    expect(passed.reason).toBe("survived: one passed; two not in this run");
    expect(judgeMutant(m, applies, new Map(), new Set(), PASSES).reason).toBe("survived: one, two not in this run");
  });
  it("does not count a failure where the catcher fails on the unmutated build too", () => {
    const failing = (id: string): ScenarioResult => result(id, id === "one" ? "failed" : "passed", ["resolve"]);
    const r = judgeMutant(m, applies, new Map([["one~m", result("one~m", "failed", ["resolve"])], ["two~m", result("two~m", "passed")]]), new Set(["one", "two"]), failing);
    expect(r.status).toBe("survived");
    expect(r.reason).toBe("survived: two passed; one is failed on the unmutated build");
    expect(r.scenarios[0]).toMatchObject({ id: "one", status: "failed", baseline: "failed" });
  });

  it("is not applicable with each locator's count", () => {
    const r = judgeMutant(m, { status: "not-applicable", counts: [{ locator: 0, matches: 3, files: ["a", "b"] }] }, new Map(), both, PASSES);
    expect(r).toMatchObject({ status: "not-applicable", applied: null, counts: [{ locator: 1, matches: 3 }], scenarios: [] });
    expect(r.reason).toBe("locator 1 matched 3 times (a, b)");
  });
});

describe("strengthScore and the break", () => {
  const rec = (status: MutantRecord["status"]): MutantRecord => ({ id: status, reverts: "", loadedBy: "runtime", status, reason: "", applied: null, counts: [], scenarios: [] });
  it("counts detected over detected and survived, rounded down, not-applicable in neither", () => {
    const s = strengthScore([rec("killed"), rec("killed"), rec("timeout"), rec("survived"), rec("survived"), rec("survived"), rec("not-applicable")]);
    expect(s).toEqual({ killed: 2, timeout: 1, survived: 3, notApplicable: 1, percent: 50 });
    expect(strengthScore([rec("killed"), rec("killed"), rec("survived")]).percent).toBe(66.6);
    expect(strengthScore([rec("not-applicable")]).percent).toBeNull();
  });
  it("is below the break only when a break is asked for and not met", () => {
    const s = strengthScore([rec("killed"), rec("survived")]);
    expect(belowBreak(s, null)).toBe(false);
    expect(belowBreak(s, 50)).toBe(false);
    expect(belowBreak(s, 100)).toBe(true);
    expect(belowBreak(strengthScore([]), 0)).toBe(true);
  });
});

describe("unfailedExpectations", () => {
  it("finds an expectation that mutants meant to break never failed", () => {
    const a = judgeMutant(m, applies, new Map([["one~m", result("one~m", "failed", ["runtime-token"])], ["two~m", result("two~m", "passed")]]), new Set(["one", "two"]), PASSES);
    const b = judgeMutant({ ...m, id: "n" }, applies, new Map([["one~n", result("one~n", "failed", ["runtime-token"])]]), new Set(["one"]), PASSES);
    expect(unfailedExpectations([a, b])).toEqual([
      { scenario: "one", expectation: "resolve", mutants: ["m", "n"] },
      { scenario: "two", expectation: "resolve", mutants: ["m"] },
    ]);
  });
});
