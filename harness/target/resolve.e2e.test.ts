/**
 * Real resolves: the harness's own openclaw, 2026.6.5 from the registry into a temp cache (cold,
 * then cached), a tarball made by npm pack, an installed folder and a small git "source checkout".
 * Needs the npm registry. Every temp folder is removed afterwards.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { dir, type DirectoryResult } from "tmp-promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../errors.ts";
import { defaultCacheDir, NPM_CACHE } from "./cache.ts";
import { runNpm } from "./npm.ts";
import { resolveTarget, type ResolvedTarget } from "./resolve.ts";

const NODE = process.versions.node;
const VERSION = "2026.6.5";

describe("resolveTarget against real installs", () => {
  let tmp: DirectoryResult;
  let cacheDir: string;
  let registry: ResolvedTarget | null = null;
  const progress: string[] = [];

  beforeAll(async () => {
    tmp = await dir({ unsafeCleanup: true, prefix: "oc-target-e2e-" });
    cacheDir = join(tmp.path, "cache");
    // The target cache is cold; npm's content cache is the harness's shared one (warm once any matrix or smoke has
    // installed a version), so the installs below fetch no tarball twice. Only the link is removed afterwards.
    const shared = join(defaultCacheDir(), NPM_CACHE);
    mkdirSync(cacheDir);
    mkdirSync(shared, { recursive: true });
    symlinkSync(shared, join(cacheDir, NPM_CACHE));
  });

  afterAll(async () => {
    if (tmp) {
      await tmp.cleanup();
      expect(existsSync(tmp.path)).toBe(false);
    }
  });

  it("resolves the default target to the harness's own openclaw dependency", async () => {
    const t = await resolveTarget("default", { cacheDir, nodeVersion: NODE });
    expect(t.kind).toBe("installed");
    expect(t.spec).toBe(`openclaw@${t.version} (harness dependency)`);
    expect(existsSync(join(t.path, "openclaw.mjs"))).toBe(true);
    expect(t.integrity).toMatch(/^sha512-/);
    expect(t.nodeVersion).toBe(NODE);
    expect(t.warnings).toEqual([]); // pnpm with nodeVersion 24 installs the native helper
    expect(await resolveTarget("", { cacheDir, nodeVersion: NODE })).toMatchObject({ path: t.path, version: t.version });
    expect(readdirSync(cacheDir)).toEqual([NPM_CACHE]); // nothing was installed
  });

  it(`installs openclaw@${VERSION} from the registry once, then serves it from the cache in < 1 s`, { timeout: 180_000 }, async () => {
    const cold = await resolveTarget(VERSION, { cacheDir, nodeVersion: NODE, onProgress: (l) => progress.push(l) });
    expect(cold).toMatchObject({ kind: "registry", version: VERSION, spec: `openclaw@${VERSION}`, cached: false, tarballSha256: null, gitCommit: null });
    expect(cold.integrity).toMatch(/^sha512-/);
    expect(cold.path).toMatch(new RegExp(`/openclaw-${VERSION.replaceAll(".", "\\.")}-[0-9a-f]{16}/node_modules/openclaw$`));
    expect(existsSync(join(cold.path, "dist", "plugin-sdk", "approval-gateway-runtime.js"))).toBe(true);
    expect(progress.some((l) => l.startsWith(`installing openclaw@${VERSION}`))).toBe(true);
    console.log(`cold install of openclaw@${VERSION}: ${cold.provisionMs} ms`);

    const warm = await resolveTarget(VERSION, { cacheDir, nodeVersion: NODE, npmEnv: { PATH: "/nonexistent" } });
    expect(warm).toMatchObject({ kind: "registry", version: VERSION, path: cold.path, integrity: cold.integrity, cached: true });
    expect(warm.provisionMs).toBeLessThan(1000);
    console.log(`cached resolve of openclaw@${VERSION}: ${warm.provisionMs} ms`);

    // No staging or view folders left in the cache.
    expect(readdirSync(cacheDir).filter((n) => n.startsWith("."))).toEqual([]);
    registry = cold;
  });

  it("rejects a version that is not on the registry with a UsageError", { timeout: 60_000 }, async () => {
    await expect(resolveTarget("0.0.0-no-such-version", { cacheDir, nodeVersion: NODE })).rejects.toThrow(UsageError);
    await expect(resolveTarget("0.0.0-no-such-version", { cacheDir, nodeVersion: NODE })).rejects.toThrow(/openclaw@0\.0\.0-no-such-version is not on the registry/);
  });

  it("rejects a target whose engines refuse the Node in use", async () => {
    if (!registry) throw new Error("registry install did not run");
    await expect(resolveTarget(VERSION, { cacheDir, nodeVersion: "20.0.0" })).rejects.toThrow(/needs Node >=22\.19\.0 but the harness would run it on Node 20\.0\.0/);
  });

  it("resolves the installed folder in place, with npm's recorded integrity", async () => {
    if (!registry) throw new Error("registry install did not run");
    const t = await resolveTarget(registry.path, { cacheDir, nodeVersion: NODE });
    expect(t).toMatchObject({ kind: "installed", version: VERSION, path: registry.path, integrity: registry.integrity, cached: false, spec: registry.path });
  });

  it("installs a tarball made by npm pack (2026.6.5's own files, without its dependencies), keyed by its sha256", { timeout: 180_000 }, async () => {
    if (!registry) throw new Error("registry install did not run");
    // What the tarball path reads of a package: its package.json, openclaw.mjs and the approval client's entry. The
    // dependencies are left out (npm installs a tarball's dependencies as it does a registry version's, which the
    // test above already did): packing and installing 2026.6.5 whole took 46 s of this file's 65.
    const pkgDir = join(tmp.path, "package");
    mkdirSync(join(pkgDir, "dist", "plugin-sdk"), { recursive: true });
    const pkg = JSON.parse(readFileSync(join(registry.path, "package.json"), "utf8")) as Record<string, unknown>;
    for (const k of ["dependencies", "optionalDependencies", "peerDependencies", "peerDependenciesMeta", "bundleDependencies", "bundledDependencies", "scripts", "files"]) delete pkg[k];
    writeFileSync(join(pkgDir, "package.json"), JSON.stringify(pkg, null, 2));
    for (const f of ["openclaw.mjs", join("dist", "plugin-sdk", "approval-gateway-runtime.js")]) copyFileSync(join(registry.path, f), join(pkgDir, f));
    const packDir = join(tmp.path, "pack");
    mkdirSync(packDir);
    const packed = await runNpm(["pack", pkgDir, "--pack-destination", packDir, "--ignore-scripts", "--json"], { sandboxHome: join(tmp.path, "pack-home") });
    expect(packed.exitCode, packed.stderr).toBe(0);
    const tgz = readdirSync(packDir).find((n) => n.endsWith(".tgz"));
    if (!tgz) throw new Error(`npm pack made no tarball: ${packed.stdout}`);

    const t = await resolveTarget(join(packDir, tgz), { cacheDir, nodeVersion: NODE });
    expect(t).toMatchObject({ kind: "tarball", version: VERSION, cached: false, spec: join(packDir, tgz) });
    expect(t.tarballSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(t.path).toBe(join(cacheDir, `tarball-${t.tarballSha256?.slice(0, 16)}`, "node_modules", "openclaw"));
    expect(t.integrity).toMatch(/^sha512-/);
    console.log(`tarball install: ${t.provisionMs} ms`);

    const again = await resolveTarget(join(packDir, tgz), { cacheDir, nodeVersion: NODE });
    expect(again).toMatchObject({ cached: true, path: t.path, tarballSha256: t.tarballSha256 });
    expect(readdirSync(cacheDir).filter((n) => n.startsWith("."))).toEqual([]);
  });

  it("reads the commit of a built git checkout (package.json copied, openclaw.mjs and dist/ symlinked)", { timeout: 60_000 }, async () => {
    if (!registry) throw new Error("registry install did not run");
    const checkout = join(tmp.path, "checkout");
    mkdirSync(checkout);
    copyFileSync(join(registry.path, "package.json"), join(checkout, "package.json"));
    symlinkSync(join(registry.path, "openclaw.mjs"), join(checkout, "openclaw.mjs"));
    symlinkSync(join(registry.path, "dist"), join(checkout, "dist"));
    const git = (...args: string[]) => execa("git", ["-C", checkout, "-c", "user.name=smoke", "-c", "user.email=smoke@example.invalid", "-c", "commit.gpgsign=false", ...args], { stdin: "ignore" });
    await git("init", "-q");
    await git("add", "package.json");
    await git("commit", "-q", "-m", "fixture");
    const head = String((await git("rev-parse", "HEAD")).stdout).trim();

    const t = await resolveTarget(checkout, { cacheDir, nodeVersion: NODE });
    expect(t).toMatchObject({ kind: "source", version: VERSION, path: checkout, gitCommit: head, integrity: null, tarballSha256: null, cached: false });
  });
});
