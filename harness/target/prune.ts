/**
 * `pnpm run cache prune --keep N`: the N most recently installed targets stay, every other complete entry goes with its
 * compiled code (compile-cache/openclaw/<version>, unless a kept entry has that version), and so do staging folders.
 */
import { readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { processesMentioning } from "../hygiene/probe.ts";
import { compileCacheDir, readMarker, type CacheMarker } from "./cache.ts";

export interface PruneEntry {
  name: string;
  version: string;
  installedAt: string;
}

/** Which entries go: all but the `keep` newest by install time, and never one a live process uses (`busy`). Pure. */
export function planPrune(entries: readonly PruneEntry[], keep: number, busy: ReadonlySet<string> = new Set()): { kept: PruneEntry[]; removed: PruneEntry[]; busy: PruneEntry[] } {
  const sorted = [...entries].sort((a, b) => b.installedAt.localeCompare(a.installedAt) || b.name.localeCompare(a.name));
  const kept = sorted.slice(0, keep);
  const rest = sorted.slice(keep);
  return { kept, removed: rest.filter((e) => !busy.has(e.name)), busy: rest.filter((e) => busy.has(e.name)) };
}

/** Cache entries (by name) that a live process mentions in its argv or environment: a gateway or runtime of another run. */
export async function entriesInUse(cacheDir: string, names: readonly string[]): Promise<Set<string>> {
  const busy = new Set<string>();
  for (const name of names) if ((await processesMentioning([join(cacheDir, name)])).length > 0) busy.add(name);
  return busy;
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

export async function pruneCache(cacheDir: string, keep: number): Promise<{ kept: PruneEntry[]; removed: PruneEntry[]; busy: PruneEntry[] }> {
  const entries = cacheEntries(cacheDir);
  const plan = planPrune(entries, keep, await entriesInUse(cacheDir, entries.map((e) => e.name)));
  const keptVersions = new Set([...plan.kept, ...plan.busy].map((e) => e.version));
  for (const e of plan.removed) {
    await rm(join(cacheDir, e.name), { recursive: true, force: true });
    if (!keptVersions.has(e.version)) await rm(join(compileCacheDir(cacheDir), "openclaw", e.version), { recursive: true, force: true });
  }
  return plan;
}
