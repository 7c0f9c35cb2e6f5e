/**
 * Owner markers: every resource a run creates (its temp folders, network namespaces, Docker objects) names the harness
 * process that made it: PID and that process's start time (so a reused PID is not taken for it), the boot it ran in,
 * its PID namespace and its host (so a marker from another machine or container is never judged from here).
 * The reaper (reap.ts) removes what a gone owner left. Deciding is pure; reading this process's identity is not.
 */
import { readFileSync, readlinkSync } from "node:fs";
import { mkdtemp, readFile, rename, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { processStart, type ProcStat } from "./pid-identity.ts";

export interface Owner {
  pid: number;
  /** Field 22 of /proc/<pid>/stat: clock ticks since boot. */
  start: string;
  /** /proc/sys/kernel/random/boot_id: a new one at every boot. */
  boot: string;
  /** The inode of /proc/self/ns/pid: PIDs mean something only inside one PID namespace. */
  pidns: string;
  host: string;
}

/** Every temp folder a run makes starts so (sandboxes, Compose projects, image build roots). */
export const RUN_TEMP_PREFIX = "openclaw-smoke-";

/** The marker file in each temp folder a run makes. */
export const OWNER_FILE = ".openclaw-smoke-owner.json";
const TOOL = "openclaw-approval-smoke";

let self: Owner | null = null;

/** This process as an owner (read once). */
export function selfOwner(): Owner {
  self ??= {
    pid: process.pid,
    start: processStart(process.pid) ?? "unknown",
    boot: readOr("/proc/sys/kernel/random/boot_id", "unknown").trim(),
    pidns: pidNamespace("self"),
    host: hostname(),
  };
  return self;
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return fallback;
  }
}

function pidNamespace(pid: "self"): string {
  try {
    return /\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/ns/pid`))?.[1] ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** The marker as one line (a Docker label's value, the file's content). Pure. */
export function formatOwner(o: Owner): string {
  return JSON.stringify({ tool: TOOL, pid: o.pid, start: o.start, boot: o.boot, pidns: o.pidns, host: o.host });
}

/** A marker read back, or null when it is not one (unreadable, half-written, another tool's). Pure. */
export function parseOwner(text: string): Owner | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== "object" || v === null) return null;
  const r = v as Record<string, unknown>;
  const str = (k: string): string | null => (typeof r[k] === "string" && r[k] !== "" ? (r[k] as string) : null);
  const pid = r.pid;
  if (r.tool !== TOOL || typeof pid !== "number" || !Number.isInteger(pid) || pid <= 0) return null;
  const [start, boot, pidns, host] = [str("start"), str("boot"), str("pidns"), str("host")];
  return start && boot && pidns && host ? { pid, start, boot, pidns, host } : null;
}

export type OwnerState =
  | { state: "alive" }
  | { state: "gone"; why: string }
  /** Liveness cannot be told from here: another host, another PID namespace, or this process's identity unknown. */
  | { state: "unknown"; why: string };

/**
 * Whether the owner still runs, judged from `here` (this process's owner identity) and what /proc says of its PID.
 * A reboot of this host ends every owner of an earlier boot. Pure.
 */
export function ownerState(o: Owner, here: Owner, stat: ProcStat | null): OwnerState {
  if (here.boot === "unknown" || here.pidns === "unknown" || here.start === "unknown") return { state: "unknown", why: "this process's own identity cannot be read" };
  if (o.host !== here.host) return { state: "unknown", why: `made on host ${o.host}` };
  if (o.boot !== here.boot) return { state: "gone", why: "made before this host's last boot" };
  if (o.pidns !== here.pidns) return { state: "unknown", why: `made in PID namespace ${o.pidns}` };
  if (!stat || stat.state === "Z" || stat.state === "X") return { state: "gone", why: `pid ${o.pid} is not running` };
  if (stat.startTicks !== o.start) return { state: "gone", why: `pid ${o.pid} is another process now` };
  return { state: "alive" };
}

/** Write the marker so that it is whole or absent: a temp file renamed over. */
export async function writeOwnerMarker(dir: string, owner: Owner = selfOwner()): Promise<void> {
  const tmp = join(dir, `${OWNER_FILE}.tmp`);
  await writeFile(tmp, `${formatOwner(owner)}\n`, { mode: 0o600 });
  await rename(tmp, join(dir, OWNER_FILE));
}

/** The marker of a folder: the owner, or null with the reason it is not one. */
export async function readOwnerMarker(dir: string): Promise<{ owner: Owner } | { owner: null; why: string }> {
  let text: string;
  try {
    text = await readFile(join(dir, OWNER_FILE), "utf8");
  } catch (err) {
    return { owner: null, why: (err as NodeJS.ErrnoException).code === "ENOENT" ? "no owner marker" : `owner marker unreadable (${(err as NodeJS.ErrnoException).code ?? "error"})` };
  }
  const owner = parseOwner(text);
  return owner ? { owner } : { owner: null, why: "owner marker is not whole" };
}

/** A new folder under `parent` named `<prefix>XXXXXX`, with this process's owner marker in it before anything else. */
export async function ownedTempDir(parent: string, prefix: string): Promise<string> {
  const dir = await mkdtemp(join(parent, prefix));
  await writeOwnerMarker(dir);
  return dir;
}
