import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { environmentProblem } from "./environment.ts";

const tmp = await dir({ unsafeCleanup: true, prefix: "environment-test-" });
afterAll(() => tmp.cleanup());

describe("environmentProblem (real paths)", () => {
  it("accepts no TMPDIR or a writable folder, and names the fix for a missing one or a file", async () => {
    expect(environmentProblem({})).toBeNull();
    expect(environmentProblem({ TMPDIR: tmp.path })).toBeNull();
    expect(environmentProblem({ TMPDIR: "/nonexistent-smoke-tmp" })).toBe("TMPDIR '/nonexistent-smoke-tmp' does not exist or is not writable. Unset TMPDIR or point it at a writable folder");
    const file = join(tmp.path, "a-file");
    await writeFile(file, "x");
    expect(environmentProblem({ TMPDIR: file })).toMatch(/is not a directory/);
  });
});
