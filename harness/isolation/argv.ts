import type { IsolationSpec } from "../plan/scenario-types.ts";

export interface IsolationContext {
  sandboxRoot: string;
  hostname: string;
  uid: number | null;
  gid: number | null;
}

const NS_FLAGS: Record<IsolationSpec["namespaces"][number], string[]> = {
  mount: ["--mount"],
  pid: ["--pid", "--fork", "--mount-proc"],
  uts: ["--uts"],
  ipc: ["--ipc"],
};

/**
 * Inside the new mount namespace: a private /tmp (tmpfs), and the sandbox bind-mounted back at the same
 * path, as `docker run -v "$H:$H" --network host` would. $1 = sandbox, $2 = hostname, the rest = the command.
 */
export const ISOLATION_SCRIPT = [
  "set -e",
  "mount --make-rprivate /",
  "mount -t tmpfs smoke-stash /mnt",
  "mkdir /mnt/home",
  'mount --bind "$1" /mnt/home',
  "mount -t tmpfs smoke-tmp /tmp",
  'mkdir -p "$1"',
  'mount --bind /mnt/home "$1"',
  "umount -l /mnt",
  'hostname "$2"',
  "shift 2",
  'exec "$@"',
].join("; ");

/** The argv prefix that runs a command behind container-like kernel boundaries. Pure. */
export function isolationWrapper(spec: IsolationSpec, ctx: IsolationContext): string[] {
  const flags = [...new Set(spec.namespaces.flatMap((n) => NS_FLAGS[n]))];
  const drop =
    spec.otherUser && ctx.uid !== null && ctx.gid !== null
      ? ["setpriv", `--reuid=${ctx.uid}`, `--regid=${ctx.gid}`, "--clear-groups", "--inh-caps=-all", "--"]
      : [];
  return ["unshare", ...flags, "--kill-child=SIGKILL", "--", "sh", "-c", ISOLATION_SCRIPT, "sh", ctx.sandboxRoot, ctx.hostname, ...drop];
}
