/**
 * Which process listens on a TCP port, as the kernel says: the socket inode of the LISTEN entry in /proc/net/tcp{,6}
 * for that local port, then the process holding `socket:[inode]` among its file descriptors. An observation of who
 * answers on the port, not the PID the harness remembers spawning.
 */
import { readdir, readFile, readlink } from "node:fs/promises";

/** The inodes of the sockets listening on `port` in one /proc/net/tcp table. Pure. */
export function listeningInodes(table: string, port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const out: string[] = [];
  for (const line of table.split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    const local = f[1] ?? "";
    if (f[3] === "0A" && local.endsWith(`:${hexPort}`) && f[9]) out.push(f[9]);
  }
  return out;
}

/** The PID whose descriptors hold a socket listening on `port`, or null when nothing listens (or it is not visible). */
export async function listenerPid(port: number): Promise<number | null> {
  const tables = await Promise.all(["/proc/net/tcp", "/proc/net/tcp6"].map((p) => readFile(p, "utf8").catch(() => "")));
  const inodes = new Set(tables.flatMap((t) => listeningInodes(t, port)).map((i) => `socket:[${i}]`));
  if (inodes.size === 0) return null;
  for (const name of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    const fds = await readdir(`/proc/${name}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      if (inodes.has(await readlink(`/proc/${name}/fd/${fd}`).catch(() => ""))) return Number(name);
    }
  }
  return null;
}
