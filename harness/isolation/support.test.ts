import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { remadeUnderTmp, unreadableByOthers } from "./support.ts";

const tmp = await dir({ unsafeCleanup: true, prefix: "support-test-" });
afterAll(() => tmp.cleanup());

describe("unreadableByOthers (real folders and modes)", () => {
  it("names a private folder on the way to the target, and passes a world-readable one", async () => {
    await chmod(tmp.path, 0o755);
    const open = join(tmp.path, "open", "openclaw");
    await mkdir(open, { recursive: true, mode: 0o755 });
    await writeFile(join(open, "package.json"), "{}", { mode: 0o644 });
    expect(await unreadableByOthers(open)).toBeNull();
    const closed = join(tmp.path, "home", "openclaw");
    await mkdir(closed, { recursive: true, mode: 0o755 });
    await writeFile(join(closed, "package.json"), "{}", { mode: 0o644 });
    await chmod(join(tmp.path, "home"), 0o700);
    expect(await unreadableByOthers(closed)).toMatch(/home is not searchable by others \(mode 700\)/);
    // Bound back into the runtime's private /tmp at home/openclaw: the folders above it are made anew there.
    if (closed.startsWith("/tmp/")) {
      expect(await unreadableByOthers(closed, remadeUnderTmp(closed))).toBeNull();
      expect(await unreadableByOthers(closed, remadeUnderTmp(join(tmp.path, "home")))).toMatch(/home is not searchable/);
    }
    await chmod(join(tmp.path, "home"), 0o755);
    await chmod(join(closed, "package.json"), 0o600);
    expect(await unreadableByOthers(closed)).toMatch(/cannot read/);
  });
});

describe("remadeUnderTmp", () => {
  it("is every folder strictly between /tmp and the bound path, and nothing outside /tmp", () => {
    const remade = remadeUnderTmp("/tmp/tmp.AbC/repo/node_modules");
    expect(["/tmp", "/tmp/tmp.AbC", "/tmp/tmp.AbC/repo", "/tmp/tmp.AbC/repo/node_modules", "/tmp/other"].map(remade)).toEqual([false, true, true, false, false]);
    expect(remadeUnderTmp("/root/.cache/targets/x/node_modules")("/root")).toBe(false);
  });
});
