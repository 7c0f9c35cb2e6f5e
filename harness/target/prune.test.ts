import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { cacheEntries, entriesInUse, planPrune, pruneCache } from "./prune.ts";

function entry(cacheDir: string, name: string, version: string, installedAt: string): void {
  const pkg = join(cacheDir, name, "node_modules", "openclaw");
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "openclaw", version }));
  writeFileSync(join(cacheDir, name, ".complete"), JSON.stringify({ version, integrity: null, installedAt }));
  mkdirSync(join(cacheDir, "compile-cache", "openclaw", version), { recursive: true });
}

describe("cache prune --keep N", () => {
  it("keeps the N most recently installed entries", () => {
    const e = (name: string, installedAt: string) => ({ name, version: name, installedAt });
    const plan = planPrune([e("a", "2026-12-01"), e("b", "2026-12-03"), e("c", "2026-12-02")], 2);
    expect(plan.kept.map((x) => x.name)).toEqual(["b", "c"]);
    expect(plan.removed.map((x) => x.name)).toEqual(["a"]);
    expect(planPrune([e("a", "1")], 0).removed).toHaveLength(1);
  });

  it("never removes an entry in use, and says so", () => {
    const e = (name: string, installedAt: string) => ({ name, version: name, installedAt });
    const plan = planPrune([e("a", "2026-12-01"), e("b", "2026-12-03"), e("c", "2026-12-02")], 1, new Set(["a"]));
    expect(plan.kept.map((x) => x.name)).toEqual(["b"]);
    expect(plan.removed.map((x) => x.name)).toEqual(["c"]);
    expect(plan.busy.map((x) => x.name)).toEqual(["a"]);
  });

  it("finds an entry in use by a live process's argv (a child started with the entry's path)", async () => {
    const tmp = await dir({ unsafeCleanup: true });
    const { execa } = await import("execa");
    const holder = execa(process.execPath, ["-e", "console.log('up'); setTimeout(() => {}, 20000)", join(tmp.path, "openclaw-x-1")], { reject: false });
    try {
      await new Promise((r) => holder.stdout.once("data", r));
      const busy = await entriesInUse(tmp.path, ["openclaw-x-1", "openclaw-y-2"]);
      expect([...busy]).toEqual(["openclaw-x-1"]);
    } finally {
      holder.kill();
      await holder;
      await tmp.cleanup();
    }
  });

  it("removes the other entries with their compiled code, and leaves what is not an entry", async () => {
    const tmp = await dir({ unsafeCleanup: true });
    try {
      entry(tmp.path, "openclaw-2026.6.5-0123456789abcdef", "2026.6.5", "2026-12-01T00:00:00.000Z");
      entry(tmp.path, "openclaw-2026.6.6-0123456789abcdef", "2026.6.6", "2026-12-02T00:00:00.000Z");
      mkdirSync(join(tmp.path, "openclaw-2026.6.8-halfdone"));
      const r = await pruneCache(tmp.path, 1);
      expect(r.removed.map((x) => x.version)).toEqual(["2026.6.5"]);
      expect(cacheEntries(tmp.path).map((x) => x.version)).toEqual(["2026.6.6"]);
      expect(existsSync(join(tmp.path, "compile-cache", "openclaw", "2026.6.5"))).toBe(false);
      expect(existsSync(join(tmp.path, "compile-cache", "openclaw", "2026.6.6"))).toBe(true);
      expect(existsSync(join(tmp.path, "openclaw-2026.6.8-halfdone"))).toBe(true);
    } finally {
      await tmp.cleanup();
    }
  });
});
