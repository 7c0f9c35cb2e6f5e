import type { RuntimeOutcome } from "../evidence/types.ts";
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
  let outcome: Record<string, unknown> | null = null;
  for (const line of end.stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      const v: unknown = JSON.parse(line);
      if (isRecord(v) && isRecord(v.smokeRuntimeOutcome)) outcome = v.smokeRuntimeOutcome;
    } catch {
      // not ours
    }
  }
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
    logTail: end.logTail,
  };
}
