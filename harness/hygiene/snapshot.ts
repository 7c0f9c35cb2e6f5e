import { readdir, rmdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { stateLockDir } from "../run/locks.ts";

/** Shared places outside the sandbox that OpenClaw is known to write to (facts §6). */
export function sharedPlaces(uid: number, osTmp: string): string[] {
  return [
    "/tmp/openclaw",
    stateLockDir(uid),
    join(osTmp, `openclaw-${uid}`),
    join(osTmp, `.openclaw-terminal-staging-${uid}`),
    `/tmp/.openclaw-terminal-staging-${uid}`,
  ];
}

/** path → "mtimeMs:size" for each place and its direct entries ("absent" for a missing place). */
export type Snapshot = Record<string, string>;

export async function snapshot(places: readonly string[]): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const place of [...new Set(places)]) {
    try {
      const st = await stat(place);
      out[place] = `${st.mtimeMs}:${st.size}`;
      if (st.isDirectory()) {
        for (const name of await readdir(place)) {
          try {
            const s = await stat(join(place, name));
            out[join(place, name)] = `${s.mtimeMs}:${s.size}`;
          } catch {
            // raced away
          }
        }
      }
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
