/**
 * Turns a target spec (--openclaw, --base or --head) into one OpenClaw folder the harness can start, installing registry
 * versions and tarballs into the target cache once. Exact registry versions already in the cache
 * are served with no network call.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import semver from "semver";
import { UsageError } from "../errors.ts";
import type { TargetInfo } from "../evidence/types.ts";
import { entryPackageDir, findCachedRegistryVersion, provisionEntry, registryEntryName, tarballEntryName } from "./cache.ts";
import { checkApprovalClient, checkEngines, installedIntegrity, integrityFromPnpmLock, nativeHelperStatus, readOpenclawPackage } from "./inspect.ts";
import { npmView } from "./npm.ts";
import { classifySpec, type FsProbe } from "./spec.ts";

export { compileCacheDir, defaultCacheDir } from "./cache.ts";

export interface ResolveOptions {
  cacheDir: string;
  /** The Node that will run the target's gateway; checked against the target's engines.node. */
  nodeVersion: string;
  onProgress?: (line: string) => void;
  /** Base environment for npm (default: the harness's env without pnpm/vitest variables). */
  npmEnv?: NodeJS.ProcessEnv;
  /** Relative paths in the spec are taken from here (default process.cwd()). */
  cwd?: string;
}

/**
 * `cached` is true only when a registry version or tarball was served from the cache without
 * installing; targets used in place (default, source, installed) report false and ~0 ms.
 * `warnings` holds findings that do not stop a run (a missing native optional helper).
 */
export type ResolvedTarget = TargetInfo & { provisionMs: number; cached: boolean; warnings: string[] };

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export const realFsProbe: FsProbe = {
  exists: (p) => existsSync(p),
  isDir: (p) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  },
  readText: (p) => {
    try {
      return readFileSync(p, "utf8");
    } catch {
      return undefined;
    }
  },
};

/** The openclaw the harness depends on. Its exports hide ./package.json, so walk up from its entry or from the repo. */
export function harnessOpenclawDir(): string {
  const require = createRequire(import.meta.url);
  const candidates: Array<() => string> = [
    () => dirname(require.resolve("openclaw/package.json")),
    () => {
      let dir = dirname(require.resolve("openclaw"));
      while (!isOpenclawRoot(dir)) {
        const up = dirname(dir);
        if (up === dir) throw new Error("no package root");
        dir = up;
      }
      return dir;
    },
    () => join(REPO_ROOT, "node_modules", "openclaw"),
  ];
  for (const candidate of candidates) {
    try {
      const dir = candidate();
      if (isOpenclawRoot(dir)) return realpathSync(dir);
    } catch {
      // try the next way
    }
  }
  throw new UsageError("The harness's own openclaw dependency is not installed", "Run corepack pnpm install in the harness repo, or name a version or a local build with --openclaw (smoke) or --head (proof)");
}

function isOpenclawRoot(dir: string): boolean {
  const text = realFsProbe.readText?.(join(dir, "package.json"));
  if (!text) return false;
  try {
    return (JSON.parse(text) as { name?: unknown }).name === "openclaw";
  } catch {
    return false;
  }
}

async function gitCommit(dir: string): Promise<string | null> {
  const r = await execa("git", ["-C", dir, "rev-parse", "HEAD"], { reject: false, stdin: "ignore", timeout: 30_000 });
  const out = String(r.stdout ?? "").trim();
  return r.exitCode === 0 && /^[0-9a-f]{40,64}$/.test(out) ? out : null;
}

/** Whether the checkout has uncommitted changes (tracked or untracked, ignored files aside); null when git cannot tell. */
async function gitDirty(dir: string): Promise<boolean | null> {
  const r = await execa("git", ["-C", dir, "status", "--porcelain", "--untracked-files=normal"], { reject: false, stdin: "ignore", timeout: 60_000 });
  return r.exitCode === 0 ? String(r.stdout ?? "").trim() !== "" : null;
}

async function viewOnRegistry(version: string, opts: ResolveOptions): Promise<{ version: string; integrity: string }> {
  await mkdir(opts.cacheDir, { recursive: true });
  const home = await mkdtemp(join(opts.cacheDir, ".tmp-view-"));
  try {
    return await npmView(version, { sandboxHome: home, env: opts.npmEnv });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

interface Located {
  path: string;
  kind: TargetInfo["kind"];
  spec: (version: string) => string;
  integrity: string | null;
  tarballSha256: string | null;
  gitCommit: string | null;
  gitDirty: boolean | null;
  cached: boolean;
}

async function locateRegistry(version: string, opts: ResolveOptions, progress: (l: string) => void): Promise<Located> {
  const exact = semver.valid(version) === version;
  const hit = exact ? findCachedRegistryVersion(opts.cacheDir, version) : null;
  if (hit) {
    return { path: entryPackageDir(hit.entryDir), kind: "registry", spec: (v) => `openclaw@${v}`, integrity: hit.marker.integrity, tarballSha256: null, gitCommit: null, gitDirty: null, cached: true };
  }
  progress(`resolving openclaw@${version} on the registry`);
  const found = await viewOnRegistry(version, opts);
  const entry = registryEntryName(found.version, found.integrity);
  if (!findCachedRegistryVersion(opts.cacheDir, found.version)) {
    progress(`installing openclaw@${found.version} into ${opts.cacheDir} (first time only; 20-60 s, several hundred MB)`);
  }
  const got = await provisionEntry(opts.cacheDir, entry, `openclaw@${found.version}`, {
    env: opts.npmEnv,
    describe: (dir) => {
      const pkg = readOpenclawPackage(dir, `openclaw@${found.version}`);
      if (pkg.version !== found.version) throw new Error(`npm installed openclaw ${pkg.version}, expected ${found.version}`);
      checkApprovalClient(dir, pkg);
      return { version: pkg.version, integrity: found.integrity };
    },
  });
  if (!got.cached) progress(`installed openclaw@${found.version} in ${((got.marker.installMs ?? 0) / 1000).toFixed(1)} s`);
  return { path: entryPackageDir(got.entryDir), kind: "registry", spec: (v) => (v === version ? `openclaw@${v}` : `openclaw@${version} (${v})`), integrity: found.integrity, tarballSha256: null, gitCommit: null, gitDirty: null, cached: got.cached };
}

async function locateTarball(path: string, opts: ResolveOptions, progress: (l: string) => void): Promise<Located> {
  const bytes = await readFile(path);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const integrity = `sha512-${createHash("sha512").update(bytes).digest("base64")}`;
  const entry = tarballEntryName(sha256);
  if (!existsSync(join(opts.cacheDir, entry, ".complete"))) progress(`installing ${path} into ${opts.cacheDir} (first time only)`);
  const got = await provisionEntry(opts.cacheDir, entry, path, {
    env: opts.npmEnv,
    describe: (dir) => {
      const pkg = readOpenclawPackage(dir, path);
      checkApprovalClient(dir, pkg);
      return { version: pkg.version, integrity, tarballSha256: sha256 };
    },
  });
  return { path: entryPackageDir(got.entryDir), kind: "tarball", spec: () => path, integrity, tarballSha256: sha256, gitCommit: null, gitDirty: null, cached: got.cached };
}

export async function resolveTarget(spec: string, opts: ResolveOptions): Promise<ResolvedTarget> {
  const started = performance.now();
  const progress = opts.onProgress ?? (() => {});
  const c = classifySpec(spec, realFsProbe, opts.cwd ?? process.cwd());
  let located: Located;
  switch (c.kind) {
    case "default": {
      const dir = harnessOpenclawDir();
      const pkg = readOpenclawPackage(dir, "the harness's openclaw");
      const integrity = installedIntegrity(dir, pkg) ?? integrityFromPnpmLock([join(REPO_ROOT, "node_modules", ".pnpm", "lock.yaml"), join(REPO_ROOT, "pnpm-lock.yaml")], pkg.version);
      located = { path: dir, kind: "installed", spec: (v) => `openclaw@${v} (harness dependency)`, integrity, tarballSha256: null, gitCommit: null, gitDirty: null, cached: false };
      break;
    }
    case "registry":
      located = await locateRegistry(c.version, opts, progress);
      break;
    case "tarball":
      located = await locateTarball(c.path, opts, progress);
      break;
    case "source": {
      const commit = await gitCommit(c.path);
      located = { path: c.path, kind: "source", spec: () => c.path, integrity: null, tarballSha256: null, gitCommit: commit, gitDirty: commit ? await gitDirty(c.path) : null, cached: false };
      break;
    }
    case "installed": {
      const pkg = readOpenclawPackage(c.path, c.path);
      located = { path: c.path, kind: "installed", spec: () => c.path, integrity: installedIntegrity(c.path, pkg), tarballSha256: null, gitCommit: null, gitDirty: null, cached: false };
      break;
    }
  }

  const pkg = readOpenclawPackage(located.path, spec || "default");
  checkEngines(pkg, opts.nodeVersion);
  checkApprovalClient(located.path, pkg);
  const warnings: string[] = [];
  const native = nativeHelperStatus(located.path);
  if (native.status === "missing") {
    warnings.push(`${native.packageName} (fs-safe's native optional helper) is not installed: openclaw falls back to its JS path; install with an npm running on Node >= 22 to get it`);
  }
  for (const w of warnings) progress(`warning: ${w}`);

  return {
    spec: located.spec(pkg.version),
    kind: located.kind,
    version: pkg.version,
    path: located.path,
    integrity: located.integrity,
    tarballSha256: located.tarballSha256,
    gitCommit: located.gitCommit,
    gitDirty: located.gitDirty,
    nodeVersion: opts.nodeVersion,
    provisionMs: Math.round(performance.now() - started),
    cached: located.cached,
    warnings,
  };
}

