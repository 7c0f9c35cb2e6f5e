import { readFileSync } from "node:fs";

/**
 * A PID names a process only while it lives: once reaped it can be reused by someone else's process. A tracked PID
 * is therefore recorded with its start time (field 22 of /proc/<pid>/stat, in clock ticks since boot), and is ours
 * later only if the process under that PID has the same start time.
 */
export interface ProcStat {
  state: string; // R, S, D, Z (zombie), X (dead), …
  startTicks: string;
}

/** Parse /proc/<pid>/stat. The command name (field 2) may hold spaces and parentheses: fields follow its last ")". Pure. */
export function parseProcStat(stat: string): ProcStat | null {
  const close = stat.lastIndexOf(")");
  if (close < 0) return null;
  const fields = stat.slice(close + 1).trim().split(/\s+/);
  const state = fields[0];
  const startTicks = fields[19]; // field 22; fields[0] is field 3
  return state && startTicks && /^\d+$/.test(startTicks) ? { state, startTicks } : null;
}

export function readProcStat(pid: number): ProcStat | null {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, "latin1"));
  } catch {
    return null;
  }
}

/** The start time to record when a PID is tracked; null when it is already gone (nothing under it is ours later). */
export function processStart(pid: number, read: (pid: number) => ProcStat | null = readProcStat): string | null {
  return read(pid)?.startTicks ?? null;
}

/**
 * The tracked PIDs whose own process is still running: same start time as when tracked, and not a zombie (a zombie
 * holds nothing but its PID until its parent reaps it). A PID reused by another process is not one of them.
 */
export function liveTracked(started: ReadonlyMap<number, string | null>, read: (pid: number) => ProcStat | null = readProcStat): number[] {
  const out: number[] = [];
  for (const [pid, start] of started) {
    if (start === null) continue;
    const now = read(pid);
    if (now && now.startTicks === start && now.state !== "Z" && now.state !== "X") out.push(pid);
  }
  return out;
}
