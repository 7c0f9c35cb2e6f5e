import { createHash } from "node:crypto";
import { readdir, realpath, rm } from "node:fs/promises";
import { join } from "node:path";
import type { SandboxLayout } from "../sandbox/layout.ts";

/** OpenClaw 2026.9.x keeps lock files in a shared folder, named by a hash of the state database's realpath. */
export function stateLockDir(uid: number, tmpRoot = "/tmp"): string {
  return join(tmpRoot, `openclaw-state-locks-${uid}`);
}

export function stateLockHash(stateDbRealpath: string): string {
  return createHash("sha256").update(stateDbRealpath).digest("hex").slice(0, 8);
}

export async function stateDbRealpath(stateDb: string): Promise<string | null> {
  try {
    return await realpath(stateDb);
  } catch {
    return null;
  }
}

export interface RunLocks {
  /** The hashes naming this sandbox's lock files: one per state database that came to exist in it. */
  hashes: string[];
  removed: string[];
  /** Every file in the shared lock folder when this sandbox's were removed (to verify the naming, hygiene/lock-naming.ts). */
  seen: string[];
}

export const NO_LOCKS: RunLocks = { hashes: [], removed: [], seen: [] };

/**
 * Remove the lock files that belong to the sandbox's state databases: the shared home's, and the one a runtime
 * process with a home of its own created.
 */
export async function removeSandboxLocks(layout: Pick<SandboxLayout, "stateDb" | "unsharedStateDb">): Promise<RunLocks> {
  if (typeof process.getuid !== "function") return NO_LOCKS;
  const dir = stateLockDir(process.getuid());
  const out: RunLocks = { hashes: [], removed: [], seen: (await readdir(dir).catch(() => [] as string[])).map((n) => join(dir, n)) };
  for (const db of [layout.stateDb, layout.unsharedStateDb]) {
    const real = await stateDbRealpath(db);
    if (!real) continue;
    const hash = stateLockHash(real);
    out.hashes.push(hash);
    out.removed.push(...(await removeOwnLocks(dir, hash)));
  }
  return out;
}

/** Remove exactly this run's lock files (matched by hash); returns what was removed. */
export async function removeOwnLocks(lockDir: string, hash: string): Promise<string[]> {
  let names: string[] = [];
  try {
    names = await readdir(lockDir);
  } catch {
    return [];
  }
  const mine = names.filter((n) => n.includes(`.${hash}.lock.sqlite`));
  await Promise.all(mine.map((n) => rm(join(lockDir, n), { force: true })));
  return mine.map((n) => join(lockDir, n));
}
