import type { ConnectObservation, Observations, RpcObservation } from "../evidence/types.ts";

/** Pure readings of observations that several expectations and renderers share. */

/** A loopback address as a socket reports it (IPv4, IPv6, or IPv4-mapped). */
export function isLoopbackAddress(a: string | null): boolean {
  return a !== null && (a.startsWith("127.") || a === "::1" || a.startsWith("::ffff:127."));
}

export function connects(obs: Observations): ConnectObservation[] {
  return obs.wire.map((c) => c.connect).filter((c): c is ConnectObservation => c !== null);
}

/** A resolve method: exec.approval.resolve, plugin.approval.resolve or the canonical approval.resolve. */
export function isResolveMethod(method: string): boolean {
  return /(^|\.)approval\.resolve$/.test(method);
}

/** Every resolve the client sent. */
export function resolveRpcs(obs: Observations): RpcObservation[] {
  return obs.wire.flatMap((c) => c.rpcs).filter((r) => isResolveMethod(r.method));
}

/** The token field is in the frame but malformed (empty, not a string). */
export function malformedToken(c: ConnectObservation): boolean {
  return c.malformed.some((m) => m.startsWith("auth.approvalRuntimeToken"));
}

/** The device field is in the frame but malformed (not an object, or no string id). */
export function malformedDevice(c: ConnectObservation): boolean {
  return c.malformed.some((m) => m.startsWith("device"));
}

export function tokenText(obs: Observations): string {
  const cs = connects(obs);
  if (cs.length === 0) return "no connect seen at the tap";
  const parts = cs.map((c) => {
    const t = c.approvalRuntimeToken;
    if (!t) return malformedToken(c) ? `malformed (${c.malformed.filter((m) => m.startsWith("auth.approvalRuntimeToken")).join(", ")})` : "absent";
    return `present (${t.length} chars, sha256:${t.fingerprint}, ${t.equalsDerived ? "= derived" : "≠ derived"})`;
  });
  return [...new Set(parts)].join("; ");
}

export function deviceText(obs: Observations): string {
  const cs = connects(obs);
  if (cs.length === 0) return "no connect seen at the tap";
  const ids = [...new Set(cs.map((c) => c.deviceId ?? (malformedDevice(c) ? `malformed (${c.malformed.filter((m) => m.startsWith("device")).join(", ")})` : "absent")))];
  return ids.map((id) => (id === "absent" || id.startsWith("malformed") ? id : `device ${id.slice(0, 12)}…`)).join("; ");
}

export function resolveText(obs: Observations): string {
  const rpcs = resolveRpcs(obs);
  const helloRefused = obs.wire.find((c) => c.hello && !c.hello.ok);
  const wire = rpcs.length
    ? rpcs.map((r) => (r.ok === null ? `${r.method} unanswered` : r.ok ? `${r.method} ok${r.applied === false ? " but not applied" : ""}` : `${r.method} ${r.errorCode ?? "error"}/${r.reason ?? "?"}`) + ` (approval ${r.approvalId ?? "no id"})`).join("; ")
    : helloRefused
      ? `connect refused ${helloRefused.hello?.errorCode ?? ""}/${helloRefused.hello?.reason ?? ""}`
      : "no resolve seen at the tap";
  const rt = obs.runtime;
  const proc = !rt
    ? "no runtime process"
    : rt.timedOut
      ? `runtime process timed out after ${rt.wallMs} ms`
      : rt.ok === null
        ? `runtime process printed no outcome (exit ${rt.exitCode ?? "none"}, signal ${rt.signal ?? "none"})`
        : rt.ok
          ? "runtime process: ok"
          : `runtime process: ${rt.errorCode ?? rt.errorName ?? "error"}`;
  return `${wire}; ${proc}`;
}

export function requesterText(obs: Observations): string {
  const r = obs.requester;
  if (!r) return "no requester";
  if (!r.accepted) return `request not accepted (${r.requestError ?? "?"})`;
  return r.finalDecision ? `${r.finalDecision} (from ${r.finalSource})` : "no final decision received";
}
