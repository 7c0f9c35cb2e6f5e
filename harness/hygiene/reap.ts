/**
 * The reaper: before a run starts anything, it removes what runs whose harness is gone left behind (a SIGKILL, the
 * OOM killer, a CI timeout): their temp folders in this TMPDIR (sandboxes with their tokens, Compose project folders),
 * the processes that still name those folders, OpenClaw's lock files named after their state databases, and their
 * network namespaces. Only what carries an owner marker whose owner is gone, and only this user's; a marker that is
 * missing or not whole, or an owner that cannot be judged from here, is reported and left alone.
 */
import { lstat, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { sandboxLayout } from "../sandbox/layout.ts";
import type { HygieneCheck } from "../evidence/types.ts";
import { removeOwnLocks, stateDbRealpath, stateLockDir, stateLockHash } from "./locks.ts";
import { ownerState, readOwnerMarker, RUN_TEMP_PREFIX, selfOwner, type Owner, type OwnerState } from "./owner.ts";
import { readProcStat } from "./pid-identity.ts";
import { processesMentioning } from "./probe.ts";

export type ReapKind = "folder" | "process" | "lock file" | "network namespace" | "Docker object";

export interface ReapItem {
  kind: ReapKind;
  /** The kind and its name: "folder <path>", "process <pid>: <cmd>", "Docker object container <id> of run <id>". */
  what: string;
  why: string;
}

export function reapItem(kind: ReapKind, name: string, why: string): ReapItem {
  return { kind, what: `${kind} ${name}`, why };
}

export interface ReapResult {
  removed: ReapItem[];
  /** Found, not removed: no whole marker, another user's, or an owner that cannot be judged from here. */
  leftAlone: ReapItem[];
  /** Meant to be removed, but the removal failed. */
  failed: ReapItem[];
}

export const NOTHING_REAPED: ReapResult = { removed: [], leftAlone: [], failed: [] };

export function mergeReaped(...rs: ReapResult[]): ReapResult {
  return { removed: rs.flatMap((r) => r.removed), leftAlone: rs.flatMap((r) => r.leftAlone), failed: rs.flatMap((r) => r.failed) };
}

/** A found resource: its folder's uid, and its marker (or why there is none). */
export interface Found {
  path: string;
  uid: number;
  marker: { owner: Owner } | { owner: null; why: string };
}

export type Verdict = { action: "reap"; why: string } | { action: "keep" } | { action: "leave"; why: string };

/** What to do with one found folder. Pure. */
export function decide(f: Found, uid: number, state: (o: Owner) => OwnerState): Verdict {
  if (f.uid !== uid) return { action: "leave", why: `belongs to uid ${f.uid}` };
  if (!f.marker.owner) return { action: "leave", why: f.marker.why };
  const s = state(f.marker.owner);
  if (s.state === "alive") return { action: "keep" };
  if (s.state === "unknown") return { action: "leave", why: `owner cannot be judged here: ${s.why}` };
  return { action: "reap", why: `its harness (pid ${f.marker.owner.pid}) is gone: ${s.why}` };
}

/** The owner's state as /proc tells it now, from this process's point of view. */
export function ownerStateNow(o: Owner): OwnerState {
  return ownerState(o, selfOwner(), readProcStat(o.pid));
}

/** The run temp folders under `tmpRoot`, each with its owner and uid. */
export async function findRunFolders(tmpRoot: string): Promise<Found[]> {
  const names = (await readdir(tmpRoot).catch(() => [] as string[])).filter((n) => n.startsWith(RUN_TEMP_PREFIX));
  const found: Found[] = [];
  for (const name of names) {
    const path = join(tmpRoot, name);
    const st = await lstat(path).catch(() => null);
    if (!st?.isDirectory()) continue;
    found.push({ path, uid: st.uid, marker: st.uid === currentUid() ? await readOwnerMarker(path) : { owner: null, why: "not readable by this user" } });
  }
  return found;
}

function currentUid(): number {
  return typeof process.getuid === "function" ? process.getuid() : -1;
}

/** Sweep `tmpRoot` (and the shared lock folder) of what dead runs left. Never throws; never touches a live run's. */
export async function reapRunFolders(tmpRoot: string, state: (o: Owner) => OwnerState = ownerStateNow): Promise<ReapResult> {
  const out: ReapResult = { removed: [], leftAlone: [], failed: [] };
  const uid = currentUid();
  for (const f of await findRunFolders(tmpRoot)) {
    const v = decide(f, uid, state);
    if (v.action === "keep") continue;
    if (v.action === "leave") {
      out.leftAlone.push(reapItem("folder", f.path, v.why));
      continue;
    }
    for (const p of await processesMentioning([f.path])) {
      const pid = Number(/^pid (\d+)/.exec(p)?.[1]);
      try {
        process.kill(pid, "SIGKILL");
        out.removed.push(reapItem("process", p.slice(4), v.why));
      } catch {
        // gone meanwhile, or not ours to signal
      }
    }
    if (uid >= 0) {
      const layout = sandboxLayout(f.path);
      for (const db of [layout.stateDb, layout.unsharedStateDb]) {
        const real = await stateDbRealpath(db);
        if (!real) continue;
        for (const lock of await removeOwnLocks(stateLockDir(uid), stateLockHash(real))) out.removed.push(reapItem("lock file", lock, v.why));
      }
    }
    try {
      await rm(f.path, { recursive: true, force: true, maxRetries: 2 });
      out.removed.push(reapItem("folder", f.path, v.why));
    } catch (err) {
      out.failed.push(reapItem("folder", f.path, `${v.why}; removal failed: ${(err as Error).message}`));
    }
  }
  return out;
}

/** One line for the progress output. Pure. */
export function reapLine(r: ReapResult, where: string): string {
  const kinds = countKinds(r.removed);
  const head = r.removed.length ? `reaper: removed ${kinds} left by dead runs in ${where}` : `reaper: nothing left by dead runs in ${where}`;
  const alone = r.leftAlone.length ? `; left alone ${r.leftAlone.length} (${r.leftAlone.map((i) => `${i.what}: ${i.why}`).join("; ")})` : "";
  const failed = r.failed.length ? `; could not remove ${r.failed.map((i) => i.what).join(", ")}` : "";
  return `${head}${alone}${failed}`;
}

function countKinds(items: readonly ReapItem[]): string {
  const n = new Map<string, number>();
  for (const i of items) n.set(i.kind, (n.get(i.kind) ?? 0) + 1);
  return [...n].map(([k, c]) => `${c} ${k}${c === 1 ? "" : k.endsWith("s") ? "es" : "s"}`).join(", ");
}

/** The report's record of the sweep: a hygiene check that fails only when a dead run's leftover could not be removed. Pure. */
export function reapCheck(r: ReapResult): HygieneCheck {
  const removed = r.removed.length ? `removed ${countKinds(r.removed)} left by dead runs` : "nothing left by dead runs";
  const alone = r.leftAlone.length ? `; left alone ${r.leftAlone.length} it cannot attribute to a dead run` : "";
  return {
    id: "reaped",
    pass: r.failed.length === 0,
    detail: `${removed}${alone}${r.failed.length ? `; could not remove ${r.failed.length}` : ""}`,
    offenders: r.failed.map((i) => `${i.what}: ${i.why}`),
    reaped: r.removed.map((i) => `${i.what} (${i.why})`),
    leftAlone: r.leftAlone.map((i) => `${i.what}: ${i.why}`),
  };
}
