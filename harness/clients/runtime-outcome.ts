import type { RuntimeOutcome, TokenDerivation } from "../evidence/types.ts";
import { isRecord } from "../wire/frames.ts";

export interface ChildEnd {
  pid: number | null;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  wallMs: number;
  stdout: string;
  logTail: string; // already redacted
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** Read the child's single JSON outcome line; a child that printed none has ok = null. Pure. */
export function parseRuntimeOutcome(end: ChildEnd, redact: (s: string) => string): RuntimeOutcome {
  const outcome = outcomeRecord(end.stdout);
  const error = outcome && isRecord(outcome.error) ? outcome.error : null;
  const msg = str(error?.message);
  return {
    pid: end.pid,
    exitCode: end.exitCode,
    signal: end.signal,
    timedOut: end.timedOut,
    wallMs: end.wallMs,
    ok: outcome ? outcome.ok === true : null,
    errorName: str(error?.name),
    errorMessage: msg === null ? null : redact(msg).slice(0, 300),
    errorCode: str(error?.code),
    errorReason: str(error?.reason),
    returned: outcome && isRecord(outcome.returned) ? { decision: str(outcome.returned.decision), approvalId: str(outcome.returned.approvalId) } : null,
    logTail: end.logTail,
  };
}

export interface ChildExtras {
  isolation: { ns: Record<string, string>; uid: number | null; gid: number | null; hostname: string | null; markerWritten: boolean } | null;
  filesTouched: string[] | null;
  /** Fingerprints of the approval-runtime tokens OpenClaw's client derived in the child; null when it reported none. */
  tokenDerivations: string[] | null;
  /** The CPU time the process reported of itself as it ended (ms); null when it reported none. */
  cpuMs: number | null;
}

/** The isolation self-report and file trace the child adds to its outcome line when asked. Pure. */
export function parseChildExtras(stdout: string): ChildExtras {
  const o = outcomeRecord(stdout);
  const iso = o && isRecord(o.isolation) ? o.isolation : null;
  const ns: Record<string, string> = {};
  if (iso && isRecord(iso.ns)) for (const [k, val] of Object.entries(iso.ns)) if (typeof val === "string") ns[k] = val;
  return {
    isolation: iso
      ? { ns, uid: typeof iso.uid === "number" ? iso.uid : null, gid: typeof iso.gid === "number" ? iso.gid : null, hostname: str(iso.hostname), markerWritten: iso.markerWritten === true }
      : null,
    filesTouched: o && Array.isArray(o.filesTouched) ? o.filesTouched.filter((f): f is string => typeof f === "string") : null,
    tokenDerivations: o && Array.isArray(o.tokenDerivations) ? o.tokenDerivations.filter((f): f is string => typeof f === "string") : null,
    cpuMs: o && typeof o.cpuMs === "number" ? o.cpuMs : null,
  };
}

/** The client's token choice from the child's derivation trace, against this home's derivation's fingerprint. Pure. */
export function tokenDerivation(fingerprints: readonly string[] | null, derivedFingerprint: string): TokenDerivation | undefined {
  if (fingerprints === null) return undefined;
  return { count: fingerprints.length, equalsDerived: fingerprints.includes(derivedFingerprint) };
}

/** The PID the process that answered reported about itself in its outcome line, or null without one. Pure. */
export function reportedPid(stdout: string): number | null {
  const pid = outcomeRecord(stdout)?.pid;
  return typeof pid === "number" && Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** The last `{"smokeRuntimeOutcome": ...}` line the child printed, or null. Pure. */
function outcomeRecord(stdout: string): Record<string, unknown> | null {
  for (const line of stdout.split("\n").reverse()) {
    if (!line.startsWith("{")) continue;
    try {
      const v: unknown = JSON.parse(line);
      if (isRecord(v) && isRecord(v.smokeRuntimeOutcome)) return v.smokeRuntimeOutcome;
    } catch {
      // not ours
    }
  }
  return null;
}
