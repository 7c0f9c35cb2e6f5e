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

/** What the tap records of a connect request's params. Never a raw secret. Pure. */
export function observeConnect(params: unknown, derivedToken: string): ConnectObservation {
  const p = isRecord(params) ? params : {};
  const client = isRecord(p.client) ? p.client : {};
  const auth = isRecord(p.auth) ? p.auth : {};
  const device = isRecord(p.device) ? p.device : null;
  const authFields = Object.keys(auth)
    .filter((k) => auth[k] !== undefined && auth[k] !== null && auth[k] !== "")
    .sort();
  const rawToken = auth.approvalRuntimeToken;
  return {
    clientId: str(client.id),
    clientMode: str(client.mode),
    role: str(p.role),
    scopes: strings(p.scopes),
    caps: strings(p.caps),
    authFields,
    approvalRuntimeToken: typeof rawToken === "string" && rawToken !== "" ? observeToken(rawToken, derivedToken) : null,
    deviceId: device ? str(device.id) : null,
    minProtocol: num(p.minProtocol),
    maxProtocol: num(p.maxProtocol),
  };
}
