import type { IsolationSpec } from "../plan/scenario-types.ts";

export interface IsolationContext {
  sandboxRoot: string;
  hostname: string;
  uid: number | null;
  gid: number | null;
  /**
   * Paths the runtime needs that the private /tmp would hide (the checkout, the Node binary, the target, the compile
   * cache, when they live under /tmp): bound back read-only at the same path. See visibleUnderTmp.
   */
  readOnly?: readonly string[];
}

const NS_FLAGS: Record<IsolationSpec["namespaces"][number], string[]> = {
  mount: ["--mount"],
  pid: ["--pid", "--fork", "--mount-proc"],
  uts: ["--uts"],
  ipc: ["--ipc"],
};

/**
 * Inside the new mount namespace: a private /tmp (tmpfs), then what the runtime needs bound back at the same paths,
 * as `docker run -v "$P:$P:ro" -v "$H:$H" --network host` would: first the read-only paths, then the sandbox (read-
 * write, last, so a read-only parent cannot cover it). Each is stashed under /mnt before /tmp is replaced.
 * $1 = hostname, $2 = N, then N paths (read-only ones first, the sandbox last), then the command.
 */
export const ISOLATION_SCRIPT = [
  "set -e",
  // The folders made on the way to a bound path are searchable by all (the other user crosses them), whatever the
  // host's were: a checkout in a `mktemp -d` folder (0700) stays reachable.
  "umask 022",
  "mount --make-rprivate /",
  'h="$1"; n="$2"; shift 2',
  "mount -t tmpfs smoke-stash /mnt",
  'i=0; while [ "$i" -lt "$n" ]; do mkdir "/mnt/$i"; mount --bind "$1" "/mnt/$i"; eval "p$i=\\$1"; shift; i=$((i+1)); done',
  "mount -t tmpfs smoke-tmp /tmp",
  'i=0; while [ "$i" -lt "$n" ]; do eval "p=\\$p$i"; mkdir -p "$p"; mount --bind "/mnt/$i" "$p"; if [ "$i" -lt "$((n-1))" ]; then mount -o remount,bind,ro "$p"; fi; i=$((i+1)); done',
  "umount -l /mnt",
  'hostname "$h"',
  'exec "$@"',
].join("; ");

/** The argv prefix that runs a command behind container-like kernel boundaries. Pure. */
export function isolationWrapper(spec: IsolationSpec, ctx: IsolationContext): string[] {
  const flags = [...new Set(spec.namespaces.flatMap((n) => NS_FLAGS[n]))];
  const drop =
    spec.otherUser && ctx.uid !== null && ctx.gid !== null
      ? ["setpriv", `--reuid=${ctx.uid}`, `--regid=${ctx.gid}`, "--clear-groups", "--inh-caps=-all", "--"]
      : [];
  const paths = [...(ctx.readOnly ?? []), ctx.sandboxRoot];
  return ["unshare", ...flags, "--kill-child=SIGKILL", "--", "sh", "-c", ISOLATION_SCRIPT, "sh", ctx.hostname, String(paths.length), ...paths, ...drop];
}

/**
 * The outermost node_modules folder a package path lies in (the folder of its dependencies, which pnpm links as
 * siblings under node_modules/.pnpm), or the folder itself when it lies in none (a source checkout). Pure.
 */
export function outermostNodeModules(path: string): string {
  const i = path.indexOf("/node_modules/");
  return i < 0 ? path : path.slice(0, i + "/node_modules".length);
}

/**
 * Which of the paths the runtime needs a private /tmp would hide: those under /tmp, without what lies in the sandbox
 * (bound read-write anyway) and without any path inside another one of the list. Pure.
 */
export function visibleUnderTmp(needed: readonly string[], sandboxRoot: string): string[] {
  const under = (p: string, dir: string): boolean => p === dir || p.startsWith(`${dir.replace(/\/+$/, "")}/`);
  // A parent of the sandbox stays: bound read-only first, with the sandbox bound read-write over it afterwards.
  const tmp = [...new Set(needed)].filter((p) => under(p, "/tmp") && p !== "/tmp" && !under(p, sandboxRoot));
  return tmp.filter((p) => !tmp.some((q) => q !== p && under(p, q))).sort();
}
