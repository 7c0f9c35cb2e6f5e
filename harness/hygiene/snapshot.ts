import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/** Shared places outside the sandbox that OpenClaw is known to write to (facts §6). */
export function sharedPlaces(uid: number, osTmp: string): string[] {
  return [
    "/tmp/openclaw",
    `/tmp/openclaw-state-locks-${uid}`,
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
