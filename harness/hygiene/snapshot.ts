import { lstat, readdir, rmdir } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { stateLockDir } from "./locks.ts";
import { RUN_TEMP_PREFIX } from "./owner.ts";

/** How many levels below each place the snapshot descends. */
export const SNAPSHOT_DEPTH = 3;

/**
 * Places outside the sandbox that OpenClaw is known to write to (facts §6), and the real user's OpenClaw folders
 * (a run must never reach them: HOME and XDG_CACHE_HOME point into the sandbox).
 */
export function sharedPlaces(uid: number, osTmp: string, home: string = process.env.HOME || homedir(), cacheHome: string = process.env.XDG_CACHE_HOME || join(home, ".cache")): string[] {
  return [
    ...new Set([
      "/tmp/openclaw",
      stateLockDir(uid),
      join(osTmp, `openclaw-${uid}`),
      join(osTmp, `.openclaw-terminal-staging-${uid}`),
      `/tmp/.openclaw-terminal-staging-${uid}`,
      join(home, ".openclaw"),
      join(cacheHome, "openclaw"),
    ]),
  ];
}

/** The top-level entries of the temp roots whose name contains "openclaw", except the harness's sandboxes. */
export async function openclawTempEntries(tmpRoots: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const root of new Set(tmpRoots)) {
    for (const name of await readdir(root).catch(() => [] as string[])) {
      if (name.toLowerCase().includes("openclaw") && !name.startsWith(RUN_TEMP_PREFIX) /* the harness's own sandboxes (this run's and concurrent runs'), never OpenClaw's writes */) out.push(join(root, name));
    }
  }
  return out;
}

/** path → "mtimeMs:size" for each place and its entries down to `depth` levels ("absent" for a missing place). */
export type Snapshot = Record<string, string>;

export async function snapshot(places: readonly string[], depth: number = SNAPSHOT_DEPTH): Promise<Snapshot> {
  const out: Snapshot = {};
  const walk = async (path: string, level: number): Promise<void> => {
    let names: string[] = [];
    try {
      names = await readdir(path);
    } catch {
      return; // not a folder, or raced away
    }
    for (const name of names) {
      const child = join(path, name);
      try {
        const s = await lstat(child); // symlinks are recorded, not followed
        out[child] = `${s.mtimeMs}:${s.size}`;
        if (s.isDirectory() && level < depth) await walk(child, level + 1);
      } catch {
        // raced away
      }
    }
  };
  for (const place of [...new Set(places)]) {
    try {
      const st = await lstat(place);
      out[place] = `${st.mtimeMs}:${st.size}`;
      if (st.isDirectory()) await walk(place, 1);
    } catch {
      out[place] = "absent";
    }
  }
  return out;
}

/**
 * Shared places that did not exist before the run and are empty now were made by this run's OpenClaw
 * (2026.6.x creates /tmp/openclaw at module load, whatever TMPDIR says): remove them. rmdir refuses a
 * non-empty folder, so nothing of anyone else's is ever removed.
 */
export async function removeEmptyCreated(before: Snapshot, places: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const place of places) {
    if (before[place] !== "absent") continue;
    try {
      await rmdir(place);
      removed.push(place);
    } catch {
      // absent, or not empty: left for the files check to judge
    }
  }
  return removed;
}
