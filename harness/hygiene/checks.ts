import type { HygieneCheck } from "../evidence/types.ts";
import type { Snapshot } from "./snapshot.ts";

/**
 * Files: anything that appeared outside the sandbox, and any touch of the shared /tmp/openclaw log folder.
 * In the shared lock folder only this run's lock files (named by `ownLockHashes`) count: others belong to other
 * runs. Pure.
 */
export function checkFiles(before: Snapshot, after: Snapshot, ownLockHashes: readonly string[]): HygieneCheck {
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
  return {
    id: "files",
    pass: offenders.length === 0,
    detail: offenders.length ? `${offenders.length} path(s) outside the sandbox created or touched` : "nothing created or touched outside the sandbox and report folder",
    offenders,
  };
}

export function checkProcesses(mentioning: readonly string[]): HygieneCheck {
  return {
    id: "processes",
    pass: mentioning.length === 0,
    detail: mentioning.length ? `${mentioning.length} process(es) still mention a sandbox` : "no process mentions a sandbox",
    offenders: [...mentioning],
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
