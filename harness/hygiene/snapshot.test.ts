import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { checkFiles } from "./checks.ts";
import { openclawTempEntries, snapshot } from "./snapshot.ts";

const tmp = await dir({ unsafeCleanup: true, prefix: "snapshot-test-" });
afterAll(() => tmp.cleanup());

describe("snapshot", () => {
  it("sees a file created three levels inside a checked place (e.g. ~/.openclaw/agents/main/x)", async () => {
    const place = join(tmp.path, "home", ".openclaw");
    await mkdir(join(place, "agents", "main"), { recursive: true });
    const before = await snapshot([place]);
    await writeFile(join(place, "agents", "main", "sessions.json"), "{}");
    const after = await snapshot([place]);
    const c = checkFiles(before, after, [], { places: [place], depth: 3, tmpRoots: [] });
    expect(c.offenders).toEqual([`${join(place, "agents", "main", "sessions.json")} (created)`]);
  });

  it("finds the temp root's *openclaw* entries, but not the harness's own sandboxes", async () => {
    const root = join(tmp.path, "tmp");
    await mkdir(join(root, "openclaw-501"), { recursive: true });
    await mkdir(join(root, "openclaw-smoke-xyz"), { recursive: true });
    await mkdir(join(root, "unrelated"), { recursive: true });
    expect(await openclawTempEntries([root])).toEqual([join(root, "openclaw-501")]);
  });
});
