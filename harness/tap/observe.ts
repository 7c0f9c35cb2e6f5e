import type { ConnectObservation, TokenObservation } from "../evidence/types.ts";
import { isRecord } from "../wire/frames.ts";
import { fingerprint } from "../wire/token.ts";

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" ? v : null);

/** Reduce a token to what may be recorded: length, fingerprint, equality with the expected derivation. Pure. */
function observeToken(value: string, derived: string): TokenObservation {
  return { length: value.length, fingerprint: fingerprint(value), equalsDerived: value === derived };
}

function typeName(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

/**
 * What the tap records of a connect request's params. Never a raw secret. A field that is in the frame but malformed
 * is recorded as malformed, so that "absent" holds only when the field really is not there. Pure.
 */
export function observeConnect(params: unknown, derivedToken: string): ConnectObservation {
  const p = isRecord(params) ? params : {};
  const client = isRecord(p.client) ? p.client : {};
  const auth = isRecord(p.auth) ? p.auth : {};
  const malformed: string[] = [];
  const authFields = Object.keys(auth)
    .filter((k) => auth[k] !== undefined)
    .sort();
  for (const k of authFields) {
    const v = auth[k];
    if (typeof v !== "string" && typeof v !== "boolean") malformed.push(`auth.${k}: ${typeName(v)}`);
    else if (v === "") malformed.push(`auth.${k}: empty string`);
  }
  const rawToken = auth.approvalRuntimeToken;
  let deviceId: string | null = null;
  if ("device" in p && p.device !== undefined) {
    if (!isRecord(p.device)) malformed.push(`device: ${typeName(p.device)}`);
    else if (typeof p.device.id !== "string" || p.device.id === "") malformed.push(`device.id: ${p.device.id === "" ? "empty string" : typeName(p.device.id)}`);
    else deviceId = p.device.id;
  }
  return {
    clientId: str(client.id),
    clientMode: str(client.mode),
    role: str(p.role),
    scopes: strings(p.scopes),
    caps: strings(p.caps),
    authFields,
    approvalRuntimeToken: typeof rawToken === "string" && rawToken !== "" ? observeToken(rawToken, derivedToken) : null,
    deviceId,
    malformed,
    minProtocol: num(p.minProtocol),
    maxProtocol: num(p.maxProtocol),
  };
}

/** params.id of an approval RPC (exec.approval.*, plugin.approval.*, approval.*), else null. Pure. */
export function approvalIdOf(method: string, params: unknown): string | null {
  if (!/(^|\.)approval\./.test(method)) return null;
  return isRecord(params) && typeof params.id === "string" ? params.id : null;
}

/** The scopes hello-ok granted (payload.auth.scopes), or null when the build does not say. Pure. */
export function grantedScopes(payload: unknown): string[] | null {
  const auth = isRecord(payload) && isRecord(payload.auth) ? payload.auth : null;
  return auth && Array.isArray(auth.scopes) ? strings(auth.scopes) : null;
}
