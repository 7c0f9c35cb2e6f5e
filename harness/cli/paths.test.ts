import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { UsageError } from "../errors.ts";
import { ensureWritableDir, ensureWritableParent } from "./paths.ts";

const tmp = await dir({ unsafeCleanup: true, prefix: "paths-test-" });
afterAll(() => tmp.cleanup());

describe("output paths are checked before a run (real files)", () => {
  it("a report dir that is a file, or lies under one, is a usage error; a missing one is created", async () => {
    const file = join(tmp.path, "a-file");
    await writeFile(file, "x");
    await expect(ensureWritableDir(file)).rejects.toThrow(UsageError);
    await expect(ensureWritableDir(file)).rejects.toThrow("report dir '" + file + "' is a file, not a folder");
    await expect(ensureWritableDir(join(file, "sub"))).rejects.toThrow(/which is a file/);
    await ensureWritableDir(join(tmp.path, "new", "reports"));
  });

  it("--markdown or --ctrf in a folder that does not exist, or naming a folder, is a usage error naming the flag", async () => {
    await expect(ensureWritableParent("--markdown", join(tmp.path, "missing", "proof.md"))).rejects.toThrow(/--markdown .*the folder .* does not exist/);
    await mkdir(join(tmp.path, "out"));
    await expect(ensureWritableParent("--ctrf", join(tmp.path, "out"))).rejects.toThrow(/--ctrf .* is a folder/);
    await expect(ensureWritableParent("--ctrf", join(tmp.path, "out", "ctrf.json"))).resolves.toBeUndefined();
  });
});
