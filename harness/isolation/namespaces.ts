import { readFile, readlink } from "node:fs/promises";
import { hostname } from "node:os";
import type { ProcessNamespaces } from "../evidence/types.ts";

const NAMESPACES = ["mnt", "pid", "uts", "ipc", "net"] as const;

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
  // The hostname is only known from here when the process shares the harness's UTS namespace.
  const ownUts = await readlink("/proc/self/ns/uts").catch(() => null);
  const sameUts = ownUts !== null && ns.uts === ownUts;
  return { ns, uid: Number.isFinite(uid) ? uid : null, gid: Number.isFinite(gid) ? gid : null, hostname: sameUts ? hostname() : null };
}
