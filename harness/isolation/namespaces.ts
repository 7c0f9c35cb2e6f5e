import { readFile, readlink } from "node:fs/promises";
import { hostname } from "node:os";
import type { ProcessNamespaces } from "../evidence/types.ts";

export const NAMESPACES = ["mnt", "pid", "uts", "ipc", "net"] as const;

/** Namespace ids, uid and gid of a live process, read from the host's /proc. */
export async function processNamespaces(pid: number): Promise<ProcessNamespaces> {
  const ns: Record<string, string> = {};
  for (const n of NAMESPACES) {
    try {
      ns[n] = await readlink(`/proc/${pid}/ns/${n}`);
    } catch {
      // gone or not permitted
    }
  }
  let uid: number | null = null;
  let gid: number | null = null;
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN);
    gid = Number(/^Gid:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN);
  } catch {
    // gone
  }
  return { ns, uid: Number.isFinite(uid) ? uid : null, gid: Number.isFinite(gid) ? gid : null, hostname: hostname() };
}
