import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.ts";
import { defaultCacheDir, registryEntryName, tarballEntryName } from "./cache.ts";
import { checkEngines, exportTarget, integrityFromPnpmLock, type OpenclawPackage } from "./inspect.ts";
import { npmChildEnv, stderrTail } from "./npm.ts";
import { classifySpec, isDefaultSpec, looksLikePath, type FsProbe } from "./spec.ts";

/** A fake file system: paths ending in "/" are folders, others files with the given text. */
function fakeFs(entries: Record<string, string>): FsProbe {
  const files = new Map<string, string>();
  const dirs = new Set<string>(["/"]);
  for (const [p, text] of Object.entries(entries)) {
    const clean = p.replace(/\/$/, "");
    if (p.endsWith("/")) dirs.add(clean);
    else files.set(clean, text);
    let parent = clean;
    while ((parent = parent.slice(0, parent.lastIndexOf("/"))) !== "") dirs.add(parent);
  }
  return {
    exists: (p) => files.has(p) || dirs.has(p),
    isDir: (p) => dirs.has(p),
    readText: (p) => files.get(p),
  };
}

const PKG = JSON.stringify({ name: "openclaw", version: "2026.6.5" });

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("classifySpec with a fake fs", () => {
  const fs = fakeFs({
    "/w/src-checkout/package.json": PKG,
    "/w/src-checkout/openclaw.mjs": "",
    "/w/src-checkout/dist/": "",
    "/w/src-checkout/.git/": "",
    "/w/src-nogit/package.json": PKG,
    "/w/src-nogit/openclaw.mjs": "",
    "/w/src-nogit/dist/": "",
    "/w/src-nogit/src/": "",
    "/w/src-nogit/tsconfig.json": "{}",
    "/w/nm/node_modules/openclaw/package.json": PKG,
    "/w/nm/node_modules/openclaw/openclaw.mjs": "",
    "/w/nm/node_modules/openclaw/dist/": "",
    "/w/nm/node_modules/openclaw/src/": "",
    "/w/nm/node_modules/openclaw/tsconfig.json": "{}",
    "/w/extracted/package.json": PKG,
    "/w/extracted/openclaw.mjs": "",
    "/w/extracted/dist/": "",
    "/w/extracted/src/": "",
    "/w/unbuilt/package.json": PKG,
    "/w/unbuilt/src/": "",
    "/w/unbuilt/.git/": "",
    "/w/installed/package.json": PKG,
    "/w/installed/openclaw.mjs": "",
    "/w/installed/dist/": "",
    "/w/other/package.json": JSON.stringify({ name: "not-openclaw" }),
    "/w/other/openclaw.mjs": "",
    "/w/other/dist/": "",
    "/w/empty/": "",
    "/w/openclaw-2026.6.5.tgz": "binary",
  });

  it("treats empty, default and bare openclaw as the harness dependency (fake fs untouched)", () => {
    for (const s of ["", "  ", "default", "openclaw"]) expect(classifySpec(s, fakeFs({}))).toEqual({ kind: "default" });
    expect(isDefaultSpec("latest")).toBe(false);
  });

  it("classifies versions and dist-tags as registry specs, stripping openclaw@", () => {
    expect(classifySpec("2026.6.5", fs, "/w")).toEqual({ kind: "registry", version: "2026.6.5" });
    expect(classifySpec("latest", fs, "/w")).toEqual({ kind: "registry", version: "latest" });
    expect(classifySpec("openclaw@2026.9.6", fs, "/w")).toEqual({ kind: "registry", version: "2026.9.6" });
    expect(classifySpec("2026.10.0-beta.1", fs, "/w")).toEqual({ kind: "registry", version: "2026.10.0-beta.1" });
  });

  it("rejects registry specs with odd characters (fake fs)", () => {
    expect(usageMessage(() => classifySpec(">=2026.6", fs, "/w"))).toMatch(/neither a path nor a registry version/);
    expect(usageMessage(() => classifySpec("2026 6", fs, "/w"))).toMatch(/Pass a built checkout/);
  });

  it("classifies an existing .tgz as a tarball, relative to cwd (fake fs)", () => {
    expect(classifySpec("./openclaw-2026.6.5.tgz", fs, "/w")).toEqual({ kind: "tarball", path: "/w/openclaw-2026.6.5.tgz" });
    expect(classifySpec("openclaw-2026.6.5.tgz", fs, "/w")).toEqual({ kind: "tarball", path: "/w/openclaw-2026.6.5.tgz" });
  });

  it("classifies built git checkouts and openclaw folders with src/ as source (fake fs)", () => {
    expect(classifySpec("/w/src-checkout", fs)).toEqual({ kind: "source", path: "/w/src-checkout" });
    expect(classifySpec("./src-nogit", fs, "/w")).toEqual({ kind: "source", path: "/w/src-nogit" });
  });

  it("classifies a built openclaw folder without git or src as installed (fake fs)", () => {
    expect(classifySpec("/w/installed", fs)).toEqual({ kind: "installed", path: "/w/installed" });
  });

  it("published packages ship src/ too: inside node_modules or without build config they are installed (fake fs)", () => {
    expect(classifySpec("/w/nm/node_modules/openclaw", fs)).toEqual({ kind: "installed", path: "/w/nm/node_modules/openclaw" });
    expect(classifySpec("/w/extracted", fs)).toEqual({ kind: "installed", path: "/w/extracted" });
  });

  it("without readText, a built folder is still accepted (fake fs with two methods only)", () => {
    const bare: FsProbe = { exists: fs.exists, isDir: fs.isDir };
    expect(classifySpec("/w/installed", bare)).toEqual({ kind: "installed", path: "/w/installed" });
  });

  it("names the fix for missing paths, non-builds, foreign packages and unbuilt checkouts (fake fs)", () => {
    expect(usageMessage(() => classifySpec("/w/nope", fs))).toMatch(/\/w\/nope does not exist, so it is not an OpenClaw build \(no openclaw.mjs and dist\/\)\. Pass a built checkout, an installed package dir, a .tgz from npm pack, or a version/);
    expect(usageMessage(() => classifySpec("./missing.tgz", fs, "/w"))).toMatch(/does not exist/);
    expect(usageMessage(() => classifySpec("/w/empty", fs))).toMatch(/\/w\/empty is not an OpenClaw build/);
    expect(usageMessage(() => classifySpec("/w/other", fs))).toMatch(/is not an OpenClaw build/);
    expect(usageMessage(() => classifySpec("/w/unbuilt", fs))).toMatch(/source checkout without a build.*pnpm build/);
    expect(usageMessage(() => classifySpec("/w/installed/package.json", fs))).toMatch(/not an OpenClaw build/);
  });

  it("looksLikePath", () => {
    expect(looksLikePath("a/b")).toBe(true);
    expect(looksLikePath(".")).toBe(true);
    expect(looksLikePath("x.tgz")).toBe(true);
    expect(looksLikePath("2026.6.5")).toBe(false);
  });
});

describe("cache naming and default folder", () => {
  it("keys registry entries by version and a sha256 of the integrity", () => {
    const name = registryEntryName("2026.6.5", "sha512-abc");
    expect(name).toMatch(/^openclaw-2026\.6\.5-[0-9a-f]{16}$/);
    expect(registryEntryName("2026.6.5", "sha512-abd")).not.toBe(name);
    expect(tarballEntryName("0123456789abcdef0123")).toBe("tarball-0123456789abcdef");
  });

  it("defaultCacheDir honours OPENCLAW_SMOKE_CACHE, then XDG_CACHE_HOME, then ~/.cache", () => {
    expect(defaultCacheDir({ OPENCLAW_SMOKE_CACHE: "/c", XDG_CACHE_HOME: "/x", HOME: "/h" })).toBe("/c");
    expect(defaultCacheDir({ XDG_CACHE_HOME: "/x", HOME: "/h" })).toBe("/x/openclaw-approval-smoke/targets");
    expect(defaultCacheDir({ HOME: "/h" })).toBe("/h/.cache/openclaw-approval-smoke/targets");
  });
});

describe("package checks", () => {
  const pkg = (enginesNode: string | null): OpenclawPackage => ({ name: "openclaw", version: "2026.9.6", enginesNode, exports: {}, integrity: null });

  it("checkEngines accepts Node 24.21 for openclaw's range and names both sides otherwise", () => {
    expect(() => checkEngines(pkg(">=24.16.0 <25 || >=26.1.0"), "v24.21.0")).not.toThrow();
    expect(() => checkEngines(pkg(null), "20.0.0")).not.toThrow();
    const msg = usageMessage(() => checkEngines(pkg(">=24.16.0 <25 || >=26.1.0"), "v20.20.2"));
    expect(msg).toContain(">=24.16.0 <25 || >=26.1.0");
    expect(msg).toContain("Node 20.20.2");
  });

  it("exportTarget follows string and condition exports", () => {
    expect(exportTarget("./a.js")).toBe("./a.js");
    expect(exportTarget({ types: "./a.d.ts", default: "./a.js" })).toBe("./a.js");
    expect(exportTarget({ import: { types: "./x.d.ts", default: "./b.js" } })).toBe("./b.js");
    expect(exportTarget(undefined)).toBeNull();
  });

  it("integrityFromPnpmLock reads the resolution line of the exact version", async () => {
    const { dir } = await import("tmp-promise");
    const tmp = await dir({ unsafeCleanup: true });
    try {
      const { writeFileSync } = await import("node:fs");
      const file = `${tmp.path}/pnpm-lock.yaml`;
      writeFileSync(file, "packages:\n\n  openclaw@2026.9.6:\n    resolution: {integrity: sha512-XYZ==}\n    engines: {node: '>=24'}\n");
      expect(integrityFromPnpmLock([`${tmp.path}/none.yaml`, file], "2026.9.6")).toBe("sha512-XYZ==");
      expect(integrityFromPnpmLock([file], "2026.9.5")).toBeNull();
    } finally {
      await tmp.cleanup();
    }
  });
});

describe("npm environment", () => {
  it("drops pnpm and vitest variables, sandboxes HOME and npm's cache (fake env)", () => {
    const env = npmChildEnv("/sb", undefined);
    expect(env.HOME).toBe("/sb");
    expect(env.npm_config_cache).toBe("/sb/.npm");
    expect(env.VITEST).toBeUndefined();
    expect(env.npm_config_user_agent).toBeUndefined();
    expect(npmChildEnv("/sb", undefined, "/cache/npm-cache")).toMatchObject({ npm_config_cache: "/cache/npm-cache", npm_config_logs_dir: "/sb/.npm-logs" });
    const explicit = npmChildEnv("/sb", { PATH: "/bin", npm_config_registry: "http://r", HOME: "/nonexistent-home" });
    expect(explicit.npm_config_registry).toBe("http://r");
    expect(explicit.PATH).toBe("/bin");
  });

  it("stderrTail drops npm's pointer to a debug log that is removed with the install's temporary home", () => {
    const tail = stderrTail("npm error code ETARGET\nnpm error A complete log of this run can be found in: /tmp/x/home/.npm/_logs/1-debug-0.log");
    expect(tail).toBe("npm error code ETARGET");
  });

  it("stderrTail keeps error lines, not warnings", () => {
    expect(stderrTail("npm warn EBADENGINE x\nnpm error code E404\n\nnpm notice y\nnpm error 404 nope")).toBe("npm error code E404\nnpm error 404 nope");
  });
});
