import { describe, expect, it } from "vitest";
import { createProgress } from "./progress.ts";

/** A small fake stream that keeps what was written (only `write` is used). */
function collect(): { stream: NodeJS.WriteStream; text: () => string } {
  const parts: string[] = [];
  const stream = { write: (s: string) => parts.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, text: () => parts.join("") };
}

describe("plain progress lines (CI)", () => {
  it("marks a pass ✓, a failure ✗ and a scenario without a verdict –, each with its time and detail", () => {
    const out = collect();
    const p = createProgress({ stream: out.stream, tty: false, quiet: false, now: () => new Date("2026-12-02T10:00:00.000Z") });
    p.step("single: a").done("ok");
    p.step("single: b").fail("refused");
    p.step("single: c").skip("not-applicable: no approval.resolve");
    const lines = out.text().trim().split("\n");
    expect(lines.filter((l) => / [✓✗–] /.test(l)).map((l) => l.replace(/\(\d+\.\ds\)/, "(t)"))).toEqual([
      "10:00:00.000 ✓ single: a (t) ok",
      "10:00:00.000 ✗ single: b (t) refused",
      "10:00:00.000 – single: c (t) not-applicable: no approval.resolve",
    ]);
  });
});
