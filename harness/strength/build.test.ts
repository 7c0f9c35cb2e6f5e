import { lstat, mkdir, mkdtemp, readFile, readlink, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { linkBuild, lookupFolders, readDistChunks, writeMutatedFile } from "./build.ts";

const made: string[] = [];
afterEach(async () => {
  for (const d of made.splice(0)) await rm(d, { recursive: true, force: true });
});

/** A small installed layout: <root>/node_modules/{openclaw, dep}, openclaw with dist/ and its own node_modules. */
async function installed(): Promise<{ root: string; pkg: string }> {
  const root = await mkdtemp(join(tmpdir(), "strength-build-test-"));
  made.push(root);
  const pkg = join(root, "node_modules", "openclaw");
  await mkdir(join(pkg, "dist", "worker"), { recursive: true });
  await mkdir(join(pkg, "node_modules", "inner"), { recursive: true });
  await mkdir(join(root, "node_modules", "dep"), { recursive: true });
  await writeFile(join(pkg, "package.json"), "{}");
  await writeFile(join(pkg, "dist", "client-1.mjs"), "return urlSource === 'local';\n");
  await writeFile(join(pkg, "dist", "other-2.js"), "x\n");
  await writeFile(join(pkg, "dist", "worker", "worker.mjs"), "copy\n");
  return { root, pkg };
}

describe("linkBuild", () => {
  it("shares every file by hard link, links node_modules and the packages beside it, and a mutation leaves the original alone", async () => {
    const { root, pkg } = await installed();
    const out = await mkdtemp(join(tmpdir(), "strength-build-out-"));
    made.push(out);
    const { dir, stats } = await linkBuild(pkg, join(out, "m"));
    expect(dir).toBe(join(out, "m", "node_modules", "openclaw"));
    expect(stats).toEqual({ files: 4, copied: 0 });
    expect((await stat(join(dir, "dist", "client-1.mjs"))).ino).toBe((await stat(join(pkg, "dist", "client-1.mjs"))).ino);
    expect((await lstat(join(dir, "node_modules"))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(out, "m", "node_modules", "dep"))).toBe(join(root, "node_modules", "dep"));
    await writeMutatedFile(dir, "client-1.mjs", "return true;\n");
    expect(await readFile(join(dir, "dist", "client-1.mjs"), "utf8")).toBe("return true;\n");
    expect(await readFile(join(pkg, "dist", "client-1.mjs"), "utf8")).toBe("return urlSource === 'local';\n");
    expect((await stat(join(dir, "dist", "client-1.mjs"))).ino).not.toBe((await stat(join(pkg, "dist", "client-1.mjs"))).ino);
  });

  it("finds a built checkout's dependencies where Node would: in the node_modules folders above it", async () => {
    const root = await mkdtemp(join(tmpdir(), "strength-build-test-"));
    made.push(root);
    const checkout = join(root, "work", "openclaw");
    await mkdir(join(checkout, "dist"), { recursive: true });
    await writeFile(join(checkout, "dist", "a.mjs"), "x\n");
    await mkdir(join(root, "work", "node_modules", "ws"), { recursive: true });
    await mkdir(join(root, "node_modules", "ws"), { recursive: true });
    await mkdir(join(root, "node_modules", "yaml"), { recursive: true });
    const out = await mkdtemp(join(tmpdir(), "strength-build-out-"));
    made.push(out);
    await linkBuild(checkout, join(out, "m"));
    // The nearest wins, as in Node's walk up.
    expect(await readlink(join(out, "m", "node_modules", "ws"))).toBe(join(root, "work", "node_modules", "ws"));
    expect(await readlink(join(out, "m", "node_modules", "yaml"))).toBe(join(root, "node_modules", "yaml"));
  });

  it("walks up like Node: a folder named node_modules gets no node_modules of its own", () => {
    expect(lookupFolders("/w/node_modules/.pnpm/openclaw@1/node_modules/openclaw")).toEqual(["/w/node_modules/.pnpm/openclaw@1/node_modules", "/w/node_modules/.pnpm/node_modules", "/w/node_modules", "/node_modules"]);
    expect(lookupFolders("/src/openclaw")).toEqual(["/src/node_modules", "/node_modules"]);
  });

  it("reads the chunks a scope asks for", async () => {
    const { pkg } = await installed();
    expect((await readDistChunks(pkg, (p) => !p.includes("/"))).map((f) => f.path).sort()).toEqual(["client-1.mjs", "other-2.js"]);
    expect((await readDistChunks(pkg, (p) => p.startsWith("worker/"))).map((f) => f.text)).toEqual(["copy\n"]);
    // Only the files whose text it keeps stay in memory; the others were read and let go.
    const seen: string[] = [];
    const kept = await readDistChunks(pkg, (p) => !p.includes("/"), (bytes) => (seen.push(bytes.toString("utf8")), bytes.includes("urlSource")));
    expect(seen).toHaveLength(2);
    expect(kept.map((f) => f.path)).toEqual(["client-1.mjs"]);
  });
});
