import { describe, expect, it } from "vitest";
import { inScope, locate, mutate, notApplicableReason, occurrences, type DistFile } from "./locate.ts";

const F = (path: string, text: string): DistFile => ({ path, text });

describe("occurrences", () => {
  it("counts non-overlapping matches, none for an empty pattern", () => {
    expect(occurrences("aaaa", "aa")).toEqual([0, 2]);
    expect(occurrences("abc", "")).toEqual([]);
    expect(occurrences("abc", "x")).toEqual([]);
  });
});

describe("locate", () => {
  const mutant = (find: string[], files?: string) => ({ locators: find.map((f) => ({ find: f, replace: "X", ...(files ? { files } : {}) })) });

  it("applies a locator that matches exactly once, with its file and offset", () => {
    const l = locate([F("a-1.mjs", "one two"), F("b-2.mjs", "three")], mutant(["two"]));
    expect(l).toMatchObject({ status: "applies", locator: 0, file: "a-1.mjs", offset: 4 });
  });

  it("is not applicable when the pattern matches 0 times, with the count", () => {
    const l = locate([F("a.mjs", "one")], mutant(["two"]));
    expect(l).toEqual({ status: "not-applicable", counts: [{ locator: 0, matches: 0, files: [] }] });
    expect(notApplicableReason(l.counts)).toBe("locator 1 matched 0 times");
  });

  it("is not applicable when the pattern matches several times, across files or in one", () => {
    const across = locate([F("a.mjs", "two"), F("b.js", "two")], mutant(["two"]));
    expect(across.status).toBe("not-applicable");
    expect(across.counts[0]).toMatchObject({ matches: 2, files: ["a.mjs", "b.js"] });
    expect(notApplicableReason(across.counts)).toBe("locator 1 matched 2 times (a.mjs, b.js)");
    expect(locate([F("a.mjs", "two two")], mutant(["two"])).counts[0]?.matches).toBe(2);
  });

  it("tries the locators in order: the first layout that matches once wins", () => {
    // An older release lays the line out as the second locator says; the first matches nothing there.
    const older = [F("token-A.js", "if (tokenMatches(token, shared)) return true;")];
    const newer = [F("token-B.mjs", "if (safeEqualSecret(token, shared)) return true;")];
    const m = mutant(["if (safeEqualSecret(token, shared)) return true;", "if (tokenMatches(token, shared)) return true;"]);
    expect(locate(newer, m)).toMatchObject({ status: "applies", locator: 0, file: "token-B.mjs" });
    expect(locate(older, m)).toMatchObject({ status: "applies", locator: 1, file: "token-A.js", counts: [{ matches: 0 }, { matches: 1 }] });
    // A first locator that matches twice is passed over too.
    expect(locate([F("x.mjs", "aa b")], mutant(["a", "b"]))).toMatchObject({ status: "applies", locator: 1 });
  });

  it("searches the top-level chunks of dist/ by default, not the self-contained bundles below it", () => {
    const files = [F("client-1.mjs", "needle"), F("worker/worker.mjs", "needle"), F("native-hook-relay/call.mjs", "needle")];
    expect(locate(files, mutant(["needle"]))).toMatchObject({ status: "applies", file: "client-1.mjs" });
    expect(locate(files, mutant(["needle"], "^worker/"))).toMatchObject({ status: "applies", file: "worker/worker.mjs" });
    expect(inScope("a.d.ts", {})).toBe(false);
    expect(inScope("a.js", {})).toBe(true);
  });
});

describe("mutate", () => {
  it("replaces the pattern at its offset and nothing else", () => {
    expect(mutate("a == b; a == b", 8, { find: "a == b", replace: "true" })).toBe("a == b; true");
  });
  it("refuses an offset where the pattern is not", () => {
    expect(() => mutate("abc", 1, { find: "a", replace: "x" })).toThrow(/not at offset 1/);
  });
});
