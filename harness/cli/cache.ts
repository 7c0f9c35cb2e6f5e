/** `pnpm run cache prune --keep N`: bound the target cache by hand (a matrix with --prune bounds it as it goes). */
import { defaultCacheDir } from "../target/resolve.ts";
import { pruneCache } from "../target/prune.ts";
import { dirBytes } from "../matrix/disk.ts";
import type { Session } from "./session.ts";

const gib = (b: number): string => `${(b / 1024 ** 3).toFixed(2)} GiB`;

export async function runCachePrune(session: Session): Promise<number> {
  const cacheDir = defaultCacheDir(process.env);
  const keep = session.opts.matrix.keepEntries ?? 0;
  const before = await dirBytes(cacheDir);
  const { kept, removed, busy } = await pruneCache(cacheDir, keep);
  const after = await dirBytes(cacheDir);
  process.stdout.write(
    `${cacheDir}: removed ${removed.length} target(s)${removed.length ? ` (${removed.map((e) => e.version).join(", ")})` : ""}, kept ${kept.length}${kept.length ? ` (${kept.map((e) => e.version).join(", ")})` : ""}${busy.length ? `, left ${busy.length} in use by a running process (${busy.map((e) => e.version).join(", ")})` : ""}; ${gib(before)} → ${gib(after)}\n`,
  );
  return 0;
}
