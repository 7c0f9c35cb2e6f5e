/**
 * `pnpm run cache prune --keep N`: the N most recently installed targets stay, every other complete entry goes with its
 * compiled code (compile-cache/openclaw/<version>, unless a kept entry has that version), and so do staging folders.
 */
import { readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { compileCacheDir, readMarker, type CacheMarker } from "./cache.ts";

export interface PruneEntry {
  name: string;
  version: string;
  installedAt: string;
}

/** Which entries go: all but the `keep` newest by install time. Pure. */
export function planPrune(entries: readonly PruneEntry[], keep: number): { kept: PruneEntry[]; removed: PruneEntry[] } {
  const sorted = [...entries].sort((a, b) => b.installedAt.localeCompare(a.installedAt) || b.name.localeCompare(a.name));
  return { kept: sorted.slice(0, keep), removed: sorted.slice(keep) };
}

export function cacheEntries(cacheDir: string): PruneEntry[] {
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (!/^(openclaw-|tarball-)/.test(name)) return [];
    const m: CacheMarker | null = readMarker(join(cacheDir, name));
    return m ? [{ name, version: m.version, installedAt: m.installedAt }] : [];
  });
}

export async function pruneCache(cacheDir: string, keep: number): Promise<{ kept: PruneEntry[]; removed: PruneEntry[] }> {
  const plan = planPrune(cacheEntries(cacheDir), keep);
  const keptVersions = new Set(plan.kept.map((e) => e.version));
  for (const e of plan.removed) {
    await rm(join(cacheDir, e.name), { recursive: true, force: true });
    if (!keptVersions.has(e.version)) await rm(join(compileCacheDir(cacheDir), "openclaw", e.version), { recursive: true, force: true });
  }
  return plan;
}
