/**
 * The target cache: one folder per installed OpenClaw, made complete by a `.complete` marker and
 * moved into place with one rename, so a crash never leaves a half install that looks finished.
 *   <cacheDir>/openclaw-<version>-<sha256(integrity)[0:16]>/node_modules/openclaw
 *   <cacheDir>/tarball-<sha256(tgz)[0:16]>/node_modules/openclaw
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { npmInstall } from "./npm.ts";

export const MARKER = ".complete";
const STAGING_PREFIX = ".tmp-";
const STALE_STAGING_MS = 6 * 60 * 60 * 1000;

export interface CacheMarker {
  version: string;
  integrity: string | null;
  installedAt: string;
  tarballSha256?: string;
  installMs?: number;
}

export { compileCacheDir, defaultCacheDir } from "./cache-dir.ts";

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export function registryEntryName(version: string, integrity: string): string {
  return `openclaw-${version}-${sha256Hex(integrity).slice(0, 16)}`;
}

export function tarballEntryName(tarballSha256: string): string {
  return `tarball-${tarballSha256.slice(0, 16)}`;
}

/** The openclaw package folder inside a cache entry. */
export function entryPackageDir(entryDir: string): string {
  return join(entryDir, "node_modules", "openclaw");
}

export function readMarker(entryDir: string): CacheMarker | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(entryDir, MARKER), "utf8"));
    if (typeof parsed !== "object" || parsed === null) return null;
    const m = parsed as Record<string, unknown>;
    if (typeof m.version !== "string" || typeof m.installedAt !== "string") return null;
    if (!existsSync(join(entryPackageDir(entryDir), "package.json"))) return null;
    return parsed as CacheMarker;
  } catch {
    return null;
  }
}

/** A complete cache entry for an exact registry version, found with no network at all. */
export function findCachedRegistryVersion(cacheDir: string, version: string): { entryDir: string; marker: CacheMarker } | null {
  if (!existsSync(cacheDir)) return null;
  const prefix = `openclaw-${version}-`;
  let best: { entryDir: string; marker: CacheMarker } | null = null;
  for (const name of readdirSync(cacheDir)) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{16}$/.test(name.slice(prefix.length))) continue;
    const entryDir = join(cacheDir, name);
    const marker = readMarker(entryDir);
    if (!marker || marker.version !== version) continue;
    if (!best || marker.installedAt > best.marker.installedAt) best = { entryDir, marker };
  }
  return best;
}

/** Removes staging folders left by runs that died more than a few hours ago. */
function sweepStaleStaging(cacheDir: string): void {
  for (const name of readdirSync(cacheDir)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const p = join(cacheDir, name);
    try {
      if (Date.now() - statSync(p).mtimeMs > STALE_STAGING_MS) void rm(p, { recursive: true, force: true }).catch(() => {});
    } catch {
      // another run may be removing it right now
    }
  }
}

/**
 * Installs `installSpec` into `<cacheDir>/<entryName>` unless a complete entry is already there.
 * `describe` turns the installed package.json into the marker (it may throw to reject the install).
 */
/** npm's content cache, shared by every install into this target cache: the same dependency tarballs are fetched once. */
export const NPM_CACHE = "npm-cache";

export async function provisionEntry(
  cacheDir: string,
  entryName: string,
  installSpec: string,
  opts: { env?: NodeJS.ProcessEnv; describe: (packageDir: string) => Omit<CacheMarker, "installedAt" | "installMs"> },
): Promise<{ entryDir: string; marker: CacheMarker; cached: boolean }> {
  const entryDir = join(cacheDir, entryName);
  const existing = readMarker(entryDir);
  if (existing) return { entryDir, marker: existing, cached: true };

  await mkdir(cacheDir, { recursive: true });
  sweepStaleStaging(cacheDir);
  const staging = await mkdtemp(join(cacheDir, `${STAGING_PREFIX}${entryName}-`));
  try {
    const prefix = join(staging, "entry");
    const started = performance.now();
    await npmInstall(installSpec, prefix, { sandboxHome: join(staging, "home"), env: opts.env, npmCache: join(cacheDir, NPM_CACHE) });
    const described = opts.describe(entryPackageDir(prefix));
    const marker: CacheMarker = { ...described, installedAt: new Date().toISOString(), installMs: Math.round(performance.now() - started) };
    await writeFile(join(prefix, MARKER), `${JSON.stringify(marker, null, 2)}\n`);
    try {
      await rename(prefix, entryDir);
    } catch (err) {
      // Another run finished first: use its entry. A leftover without a marker is replaced.
      const winner = readMarker(entryDir);
      if (winner) return { entryDir, marker: winner, cached: true };
      if (!existsSync(entryDir)) throw err;
      await rm(entryDir, { recursive: true, force: true });
      await rename(prefix, entryDir);
    }
    return { entryDir, marker, cached: false };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
