import type { HygieneCheck } from "../evidence/types.ts";
import type { LockNaming } from "./lock-naming.ts";
import type { Snapshot } from "./snapshot.ts";

/** What the files check looked at, so that its finding says exactly that. */
export interface FilesScope {
  /** The fixed places, each snapshotted to `depth` levels. */
  places: readonly string[];
  depth: number;
  /** Temp roots whose top-level entries named *openclaw* were snapshotted too. */
  tmpRoots: readonly string[];
}

export function describeScope(scope: FilesScope): string {
  return `${scope.places.join(", ")} (each to depth ${scope.depth}) and the entries named *openclaw* in ${scope.tmpRoots.join(", ")}`;
}

/**
 * Files: anything that appeared in the places checked, and any touch of the shared /tmp/openclaw log folder.
 * In the shared lock folder only this run's lock files (named by `ownLockHashes`) count: others belong to other
 * runs. When the lock naming could not be verified (hygiene/lock-naming.ts) the check fails: it cannot tell whether
 * this run's lock files are left. Pure.
 */
export function checkFiles(before: Snapshot, after: Snapshot, ownLockHashes: readonly string[], scope: FilesScope, naming: LockNaming | null = null): HygieneCheck {
  const offenders: string[] = [];
  for (const [path, sig] of Object.entries(after)) {
    if (sig === "absent") continue;
    const prev = before[path];
    const isLockDir = /openclaw-state-locks-\d+$/.test(path);
    const isLockFile = /openclaw-state-locks-\d+\//.test(path);
    if (isLockDir) continue; // the folder itself is shared and cannot be moved (facts §6)
    if (isLockFile) {
      if (ownLockHashes.some((h) => path.includes(`.${h}.lock.sqlite`))) offenders.push(`${path} (this run's lock file left behind)`);
      continue;
    }
    if (prev === undefined || prev === "absent") offenders.push(`${path} (created)`);
    else if (prev !== sig && path.startsWith("/tmp/openclaw")) offenders.push(`${path} (modified)`);
  }
  if (naming?.status === "unverified") offenders.push(...naming.unexplained.map((p) => `${p} (lock file of unverified naming: may be this run's)`));
  const checked = `checked: ${describeScope(scope)}`;
  const lockNote = naming ? `; ${naming.detail}` : "";
  return {
    id: "files",
    pass: offenders.length === 0,
    detail: offenders.length
      ? `${offenders.length} path(s) outside the sandbox created or touched, or of unverified origin (${checked})${lockNote}`
      : `nothing created outside the sandbox and report folder, and /tmp/openclaw not touched (${checked})${lockNote}`,
    offenders,
  };
}

/**
 * Processes: PIDs the run tracked whose own process still runs (`trackedAlive`, see hygiene/pid-identity.ts: a PID
 * reused by someone else is not counted) and any process whose argv or environment mentions a sandbox (the tracked
 * roots' descendants). Pure.
 */
export function checkProcesses(mentioning: readonly string[], trackedAlive: readonly string[] = [], tracked = 0): HygieneCheck {
  const pidOf = (o: string): string => /^pid (\d+)/.exec(o)?.[1] ?? o;
  const seen = new Set(trackedAlive.map(pidOf));
  const offenders = [...trackedAlive, ...mentioning.filter((m) => !seen.has(pidOf(m)))];
  return {
    id: "processes",
    pass: offenders.length === 0,
    detail: offenders.length
      ? `${offenders.length} process(es) left: still running under a tracked PID or mentioning a sandbox`
      : `none of ${tracked} tracked process(es) still running, and no process mentions a sandbox`,
    offenders,
  };
}

export interface NetworkResource {
  kind: "netns" | "link";
  name: string;
}

/** Network: every namespace and link this run created must be gone after teardown. Pure. */
export function checkNetwork(created: readonly NetworkResource[], remaining: readonly NetworkResource[]): HygieneCheck {
  const offenders = remaining.map((r) => `${r.kind === "netns" ? "network namespace" : "link"} ${r.name} still exists`);
  return {
    id: "network",
    pass: offenders.length === 0,
    detail: created.length === 0
      ? "no network namespace or link created"
      : offenders.length
        ? `${offenders.length} of ${created.length} network namespace(s)/link(s) this run created still exist`
        : `all ${created.length} network namespace(s)/link(s) this run created are gone (${created.map((r) => r.name).join(", ")})`,
    offenders,
  };
}

export function checkPorts(listening: readonly number[], checked: number): HygieneCheck {
  return {
    id: "ports",
    pass: listening.length === 0,
    detail: listening.length ? `${listening.length} of ${checked} port(s) still listening` : `none of ${checked} port(s) still listening`,
    offenders: listening.map(String),
  };
}

/** hits: file → names of secrets found in it. Pure. */
export function checkSecrets(hits: ReadonlyMap<string, readonly string[]>, scanned: number): HygieneCheck {
  const offenders = [...hits].filter(([, names]) => names.length > 0).map(([file, names]) => `${file}: ${names.join(", ")}`);
  return {
    id: "secrets",
    pass: offenders.length === 0,
    detail: offenders.length ? `secret values found in ${offenders.length} file(s)` : `no known secret value in ${scanned} file(s) written`,
    offenders,
  };
}
