/** Shapes of the OpenClaw gateway WebSocket protocol that the harness reads or writes. */

export interface ReqFrame {
  type: "req";
  id: string;
  method: string;
  params?: unknown;
}

export interface ResError {
  code?: string;
  message?: string;
  details?: { reason?: string; code?: string; [k: string]: unknown };
}

export interface ResFrame {
  type: "res";
  id: string;
  ok: boolean;
  payload?: unknown;
  error?: ResError;
}

export interface EventFrame {
  type: "event";
  event: string;
  payload?: unknown;
}

export type Frame = ReqFrame | ResFrame | EventFrame;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Parse one text frame; returns null for anything that is not a protocol frame. */
export function parseFrame(text: string): Frame | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(v)) return null;
  if (v.type === "req" && typeof v.id === "string" && typeof v.method === "string") return v as unknown as ReqFrame;
  if (v.type === "res" && typeof v.id === "string" && typeof v.ok === "boolean") return v as unknown as ResFrame;
  if (v.type === "event" && typeof v.event === "string") return v as unknown as EventFrame;
  return null;
}

export { isRecord };

/** Error reason as the gateway reports it: details.reason, else details.code. */
export function errorReason(err: ResError | undefined): string | null {
  const r = err?.details?.reason ?? err?.details?.code;
  return typeof r === "string" ? r : null;
}
