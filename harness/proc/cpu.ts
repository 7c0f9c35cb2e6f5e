import { readFile } from "node:fs/promises";
import { descendants } from "./tree.ts";

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks (100 on every Linux x86-64 build). */
const TICKS_PER_SECOND = 100;

export interface StatCpu {
  /** utime + stime of the process itself, ms. */
  ownMs: number;
  /** cutime + cstime: the processes it has reaped, and what they had reaped, ms. */
  reapedMs: number;
}

/** CPU times from the text of /proc/<pid>/stat. Pure; null when it cannot be read. */
export function parseStatCpu(stat: string): StatCpu | null {
  // pid (comm) state ppid ...: comm may hold spaces and parentheses, so count fields after the last ")".
  const close = stat.lastIndexOf(")");
  if (close < 0) return null;
  const f = stat.slice(close + 2).trim().split(/\s+/);
  // After comm: state is field 3 of the man page, so utime (14) is at index 11, stime 12, cutime 13, cstime 14.
  const [u, s, cu, cs] = [f[11], f[12], f[13], f[14]].map(Number);
  if ([u, s, cu, cs].some((n) => n === undefined || !Number.isFinite(n))) return null;
  const ms = (ticks: number): number => (ticks * 1000) / TICKS_PER_SECOND;
  return { ownMs: ms((u as number) + (s as number)), reapedMs: ms((cu as number) + (cs as number)) };
}

export async function statCpu(pid: number | "self"): Promise<StatCpu | null> {
  return parseStatCpu(await readFile(`/proc/${pid}/stat`, "utf8").catch(() => ""));
}

/** CPU used so far by a process and all its live descendants (and what each of them reaped), ms. */
export async function treeCpuMs(pid: number): Promise<number> {
  const all = await Promise.all([pid, ...(await descendants(pid))].map((p) => statCpu(p)));
  return all.reduce((sum, c) => sum + (c ? c.ownMs + c.reapedMs : 0), 0);
}

/** This process's own CPU (user + system), ms, at microsecond resolution. */
export function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
