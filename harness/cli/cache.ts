/**
 * `pnpm run cache reap`: remove what runs whose harness is gone left behind, as every run does before it starts.
 * `pnpm run cache prune --keep N`: the same, then bound the target cache by hand (a matrix with --prune bounds it as it goes).
 */
import { tmpdir } from "node:os";
import { reapLine } from "../hygiene/reap.ts";
import { reapDeadRuns } from "../run/run.ts";
import { LANES } from "./lanes.ts";
import { defaultCacheDir } from "../target/resolve.ts";
import { pruneCache } from "../target/prune.ts";
import { dirBytes } from "../matrix/disk.ts";
import type { Session } from "./session.ts";

const gib = (b: number): string => `${(b / 1024 ** 3).toFixed(2)} GiB`;

export async function runCachePrune(session: Session): Promise<number> {
  const reaped = await reapDeadRuns(LANES);
  process.stdout.write(`${reapLine(reaped, tmpdir())}\n`);
  if (session.opts.matrix.cacheCommand === "reap") return reaped.failed.length ? 1 : 0;
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
