import { describe, expect, it } from "vitest";
import { clip, editDistance, nearest } from "./nearest.ts";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["", "abc", 3],
    ["abc", "", 3],
    ["scenario", "scenario", 0],
    ["scenaro", "scenario", 1],
    ["kitten", "sitting", 3],
    ["flaw", "lawn", 2],
    ["local-token-handof", "local-token-handoff", 1],
  ])("%j → %j is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("nearest", () => {
  const flags = ["scenario", "openclaw", "keep", "report-dir", "json", "strength", "strength-break"];

  it("names the nearest candidate within a third of the word's length (at least 2 edits)", () => {
    expect(nearest("scenaro", flags)).toBe("scenario");
    expect(nearest("opneclaw", flags)).toBe("openclaw");
    expect(nearest("jsno", flags)).toBe("json");
    expect(nearest("strenght", flags)).toBe("strength");
  });

  it("falls back to the one candidate the word begins, and gives up when nothing is near", () => {
    expect(nearest("report", flags)).toBe("report-dir");
    expect(nearest("str", flags)).toBeNull();
    expect(nearest("verbose", flags)).toBeNull();
    expect(nearest("x", flags)).toBeNull();
    expect(nearest("scenario", [])).toBeNull();
  });

  it("prefers the first of two equally near candidates", () => {
    expect(nearest("ab", ["ax", "ay"])).toBe("ax");
  });
});

describe("clip", () => {
  it("keeps a short word and cuts a long one to max characters", () => {
    expect(clip("short")).toBe("short");
    expect(clip("x".repeat(100), 10)).toBe(`${"x".repeat(9)}…`);
    expect(clip("x".repeat(100), 10)).toHaveLength(10);
  });
});
