import { execa } from "execa";

export interface Support {
  ok: boolean;
  reason: string | null;
}

let cached: Promise<Support> | null = null;

/** Whether this host can make mount/pid/uts/ipc namespaces (root + util-linux unshare). Checked once. */
export function isolationSupport(): Promise<Support> {
  cached ??= probe();
  return cached;
}

async function probe(): Promise<Support> {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return { ok: false, reason: "needs root to create mount/pid/uts/ipc namespaces (run as root)" };
  const r = await execa("unshare", ["--mount", "--pid", "--fork", "--mount-proc", "--uts", "--ipc", "--", "sh", "-c", "mount -t tmpfs t /mnt && hostname x"], { reject: false, timeout: 10_000 });
  if (r.failed) {
    const why = r.code === "ENOENT" ? "unshare (util-linux) is not installed" : `namespaces refused: ${String(r.stderr).split("\n")[0] ?? r.exitCode}`;
    return { ok: false, reason: why };
  }
  const sp = await execa("setpriv", ["--version"], { reject: false, timeout: 5000 });
  if (sp.failed) return { ok: false, reason: "setpriv (util-linux) is not installed" };
  return { ok: true, reason: null };
}
