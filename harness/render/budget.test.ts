import { describe, expect, it } from "vitest";
import { fitToBudget, foldNote, utf8Bytes, type Part } from "./budget.ts";

const lines = (n: number, ch: string): string[] => Array.from({ length: n }, () => ch.repeat(9));

describe("fitToBudget", () => {
  const parts: Part[] = [
    { name: "head", lines: ["# title"] },
    { name: "small", lines: lines(5, "s"), folded: () => ["(small folded)"] },
    { name: "large", lines: lines(50, "l"), folded: foldNote("The large part", "details.md") },
    { name: "fixed", lines: lines(20, "f") },
  ];

  it("leaves a text that fits as it is", () => {
    const f = fitToBudget(parts, 10_000);
    expect(f).toMatchObject({ folded: [], fits: true });
    expect(f.text).toBe(`${parts.flatMap((p) => p.lines).join("\n")}\n`);
  });

  it("folds the longest part first, and only as far as the budget needs", () => {
    const f = fitToBudget(parts, 400);
    expect(f.folded).toEqual([{ name: "large", chars: 500 }]);
    expect(f.fits).toBe(true);
    expect(f.text).toContain("ssssssss");
    expect(f.text).toContain("_The large part (500 characters) is folded to keep this under GitHub's comment limit: the full text is in details.md._");
    expect(f.text).not.toContain("lllllllll");
  });

  it("folds the next longest when one fold is not enough, and never a part without a short form", () => {
    const f = fitToBudget(parts, 330);
    expect(f.folded.map((x) => x.name)).toEqual(["large", "small"]);
    expect(f.text).toContain("ffffffff");
    expect(fitToBudget(parts, 100)).toMatchObject({ fits: false });
  });

  it("keeps a part whose short form is no shorter", () => {
    const tiny: Part[] = [{ name: "t", lines: ["x"], folded: foldNote("The part", "elsewhere") }, { name: "big", lines: lines(30, "b") }];
    expect(fitToBudget(tiny, 10).folded).toEqual([]);
  });

  it("measures UTF-8 bytes where the limit is in bytes", () => {
    const wide: Part[] = [{ name: "arrows", lines: ["→".repeat(100)], folded: () => ["folded"] }];
    expect(fitToBudget(wide, 200).folded).toEqual([]);
    expect(fitToBudget(wide, 200, utf8Bytes).folded).toEqual([{ name: "arrows", chars: 101 }]);
  });
});
