import type { RunLocks } from "./locks.ts";
import type { Snapshot } from "./snapshot.ts";

/**
 * Whether OpenClaw's private lock-file naming (locks.ts: sha256 of the state database's realpath) still names
 * what this run's targets really created in the shared lock folder. Without that, "this run's lock files were
 * removed" could be said of files that never matched.
 * - verified: a computed hash named a lock file that was there to remove;
 * - no-state-db: no state database came to exist, so no lock file was expected;
 * - no-lock-files: no lock file appeared in the shared folder during the run (builds before 2026.9 make none);
 * - unverified: lock files appeared during the run and none matches a computed hash: the naming may have changed
 *   and this run's own lock files may be among them. The files check fails then (a run that cannot tell whether it
 *   left files behind is not clean). Caveat: a concurrent run of another build that makes lock files, while this
 *   run's target makes none, looks the same.
 */
export interface LockNaming {
  status: "verified" | "no-state-db" | "no-lock-files" | "unverified";
  detail: string;
  /** Lock files that appeared during the run and match no computed hash. */
  unexplained: string[];
}

/** Pure: `before` is the snapshot taken before the run (it lists the lock folder's entries). */
export function verifyLockNaming(before: Snapshot, locks: readonly RunLocks[]): LockNaming {
  const hashes = [...new Set(locks.flatMap((l) => l.hashes))];
  const removed = locks.flatMap((l) => l.removed);
  const appeared = [...new Set(locks.flatMap((l) => l.seen))].filter((p) => /\.lock\.sqlite/.test(p) && (before[p] === undefined || before[p] === "absent"));
  const unexplained = appeared.filter((p) => !hashes.some((h) => p.includes(`.${h}.lock.sqlite`)));
  if (hashes.length === 0) return { status: "no-state-db", detail: "no state database, so no lock file expected", unexplained: [] };
  if (removed.length > 0) return { status: "verified", detail: `lock naming verified: ${removed.length} lock file(s) named by the computed hash(es) ${hashes.join(", ")} were found and removed`, unexplained: [] };
  if (unexplained.length === 0) return { status: "no-lock-files", detail: "the target created no lock file in the shared lock folder", unexplained: [] };
  return {
    status: "unverified",
    detail: `lock naming UNVERIFIED: ${unexplained.length} lock file(s) appeared during the run but none is named by the computed hash(es) ${hashes.join(", ")}; this run's lock files may be left behind`,
    unexplained,
  };
}
