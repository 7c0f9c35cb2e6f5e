import { realpath, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
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

/**
 * The folders the isolated runtime's private /tmp makes anew on the way to `bound` (a path bound back into it, see
 * isolation/argv.ts): those strictly between /tmp and it. mkdir -p makes them searchable by all, whatever the host's
 * folder was (a checkout in a `mktemp -d` folder, mode 0700, is reachable there). Pure.
 */
export function remadeUnderTmp(bound: string): (dir: string) => boolean {
  if (!bound.startsWith("/tmp/")) return () => false;
  return (dir) => dir.startsWith("/tmp/") && bound.startsWith(`${dir}/`);
}

/**
 * Why another, unprivileged user could not read the target build, or null: every folder on the way must be searchable
 * (but those the private /tmp makes anew, `remade`) and the package file readable by others (a target cached under a
 * 0700 home is not). Reads file modes only.
 */
export async function unreadableByOthers(path: string, remade: (dir: string) => boolean = () => false): Promise<string | null> {
  const file = join(await realpath(path).catch(() => path), "package.json");
  const dirs: string[] = [];
  for (let d = dirname(file); ; d = dirname(d)) {
    dirs.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of dirs.filter((x) => !remade(x))) {
    const st = await stat(d).catch(() => null);
    if (!st || (st.mode & 0o001) === 0) return `another user cannot reach the target build: ${d} is not searchable by others (mode ${st ? (st.mode & 0o777).toString(8) : "unreadable"}); use a target outside a private home`;
  }
  const st = await stat(file).catch(() => null);
  return st && (st.mode & 0o004) !== 0 ? null : `another user cannot read ${file}`;
}
