import { setPriority } from "node:os";

/**
 * Runtime processes load OpenClaw's client while the gateway starts. On 2 cores that load slowed the gateway's start
 * by about 0.5 s, so they load at the lowest priority and get normal priority back once the gateway is ready.
 * Only a privileged harness (root) can give it back; an unprivileged one leaves priorities alone.
 */
export const LOADING_NICE = 19;

export function canRestorePriority(uid: number | null = typeof process.getuid === "function" ? process.getuid() : null): boolean {
  return uid === 0;
}

/** Set a process's nice value; false if it is gone or not allowed. */
export function setNice(pid: number, nice: number): boolean {
  try {
    setPriority(pid, nice);
    return true;
  } catch {
    return false;
  }
}
