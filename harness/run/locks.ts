import { createHash } from "node:crypto";
import { readdir, realpath, rm } from "node:fs/promises";
import { join } from "node:path";

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
  /** The hash naming this sandbox's lock files, or null when its state database never existed. */
  hash: string | null;
  removed: string[];
}

/** Remove the lock files that belong to the sandbox whose state database is `stateDb`. */
export async function removeSandboxLocks(stateDb: string): Promise<RunLocks> {
  const real = await stateDbRealpath(stateDb);
  if (!real || typeof process.getuid !== "function") return { hash: null, removed: [] };
  const hash = stateLockHash(real);
  return { hash, removed: await removeOwnLocks(stateLockDir(process.getuid()), hash) };
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
