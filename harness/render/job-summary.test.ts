import { describe, it, expect } from "vitest";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appendJobSummary } from "./job-summary.ts";

describe("appendJobSummary", () => {
  it("does nothing without GITHUB_STEP_SUMMARY", async () => {
    expect(await appendJobSummary("x", {})).toBe(false);
    expect(await appendJobSummary("x", { GITHUB_STEP_SUMMARY: " " })).toBe(false);
  });

  it("appends to the named file, keeping what was there", async () => {
    const dir = await mkdtemp(join(tmpdir(), "job-summary-"));
    try {
      const file = join(dir, "summary.md");
      await writeFile(file, "earlier step\n");
      expect(await appendJobSummary("## Real behavior proof\nbody\n", { GITHUB_STEP_SUMMARY: file })).toBe(true);
      expect(await appendJobSummary("second", { GITHUB_STEP_SUMMARY: file })).toBe(true);
      expect(await readFile(file, "utf8")).toBe("earlier step\n## Real behavior proof\nbody\n\nsecond\n\n");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("throws when the file cannot be written", async () => {
    await expect(appendJobSummary("x", { GITHUB_STEP_SUMMARY: "/nonexistent-dir-for-test/summary.md" })).rejects.toThrow();
  });
});
