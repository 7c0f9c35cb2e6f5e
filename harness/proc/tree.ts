import { readFile } from "node:fs/promises";
import pidtree from "pidtree";

/** Descendants of a PID (children, grandchildren, ...), empty if it is gone. */
export async function descendants(pid: number): Promise<number[]> {
  try {
    return await pidtree(pid);
  } catch {
    return [];
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

async function waitGone(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
    alive = alive.filter(isAlive);
  }
  return alive;
}

export interface TreeStop {
  stopMs: number;
  killed: number[]; // PIDs that needed SIGKILL
}

/**
 * Stop a process tree we started, by PID only: collect descendants first (the spawn broker sits in its
 * own process group), SIGTERM the root, wait, then SIGKILL every survivor of the collected set.
 * `tree`: the descendants when the caller has just collected them; walked here otherwise.
 */
export async function stopTree(rootPid: number, graceMs: number, tree?: number[]): Promise<TreeStop> {
  const started = Date.now();
  const members = tree ?? (await descendants(rootPid));
  signal(rootPid, "SIGTERM");
  const survivors = await waitGone([rootPid, ...members], graceMs);
  for (const pid of survivors) signal(pid, "SIGKILL");
  await waitGone(survivors, 2000);
  return { stopMs: Date.now() - started, killed: survivors };
}

/** Peak resident set (VmHWM) of a process in bytes, or null. */
export async function peakRssBytes(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return m?.[1] ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}
