import type { Observations, Refusal, RefusalCheck, RpcObservation, WireConnection } from "../evidence/types.ts";
import { isResolveMethod } from "./summarize.ts";

/**
 * Which gateway check made each refusal, from what the gateway answered and what the admin client saw afterwards.
 * Never from what the harness meant to provoke. Pure.
 */
export function attributeRefusals(obs: Observations): Refusal[] {
  const out: Refusal[] = [];
  for (const w of obs.wire) {
    if (w.hello && !w.hello.ok) {
      const close = w.close ? `, closed ${w.close.code ?? "?"} by ${w.close.by}` : "";
      out.push({ at: "connect", connection: w.index, refusedBy: "handshake-rejected", basis: `connect answered ok:false ${w.hello.errorCode ?? "?"}/${w.hello.reason ?? "-"} "${w.hello.message ?? ""}"${close}` });
    }
    for (const r of w.rpcs) if (r.ok === false) out.push(attributeRpc(r, w, obs));
  }
  const anyConnect = obs.wire.some((w) => w.connect !== null);
  if (!anyConnect && obs.runtime?.ok === false) {
    const e = obs.runtime;
    out.push({ at: "client", connection: null, refusedBy: "client-before-connect", basis: `no connection reached the tap; the client failed: ${e.errorName ?? "Error"}: ${(e.errorMessage ?? "").slice(0, 160)}` });
  }
  return out;
}

const MISSING_SCOPE = /missing scope:?\s*([\w.]+)/i;

function attributeRpc(r: RpcObservation, w: WireConnection, obs: Observations): Refusal {
  const answer = `${r.method} answered ${r.errorCode ?? "?"}/${r.reason ?? "-"} "${r.message ?? ""}"`;
  const scopeMatch = MISSING_SCOPE.exec(r.message ?? "");
  if (r.reason === "MISSING_SCOPE" || scopeMatch) {
    const scope = scopeMatch?.[1] ?? null;
    const requested = w.connect?.scopes ?? [];
    const granted = w.hello?.grantedScopes ?? null;
    const grantedText = granted === null ? "granted scopes not reported" : `granted [${granted.join(",")}]`;
    if (scope !== null && !requested.includes(scope)) {
      return refusal(r, w, "scope-not-requested", `${answer}; the connect asked for [${requested.join(",")}]`);
    }
    const noDevice = w.connect !== null && w.connect.deviceId === null && w.connect.malformed.every((m) => !m.startsWith("device"));
    if (noDevice && (granted === null || (scope !== null && !granted.includes(scope)))) {
      return refusal(r, w, "scopes-cleared", `${answer}; the connect asked for [${requested.join(",")}] without device identity, hello-ok ${grantedText}`);
    }
    return refusal(r, w, "unattributed", `${answer}; the connect asked for [${requested.join(",")}], ${grantedText}, device ${w.connect?.deviceId ? "present" : "absent"}`);
  }
  if (r.reason === "APPROVAL_NOT_FOUND") {
    const mine = obs.requester?.approvalId ?? null;
    if (mine === null || r.approvalId !== mine) {
      return refusal(r, w, "unattributed", `${answer} for approval ${r.approvalId ?? "(no id)"}, not this scenario's ${mine ?? "(none)"}`);
    }
    const c = obs.control;
    if (!c) return refusal(r, w, "unattributed", `${answer}; no admin check of the approval afterwards`);
    return c.pendingAfterRuntime
      ? refusal(r, w, "no-runtime-authority", `${answer} while the admin client still lists approval ${mine} as pending: neither its requester nor trusted as the approval runtime`)
      : refusal(r, w, "approval-gone", `${answer} and the admin client no longer lists approval ${mine}`);
  }
  return refusal(r, w, "unattributed", answer);
}

function refusal(r: RpcObservation, w: WireConnection, refusedBy: RefusalCheck, basis: string): Refusal {
  return { at: r.method, connection: w.index, refusedBy, basis };
}


/**
 * The refusals that decide a resolve: those answered to a resolve; if no connection sent one, the last connection's
 * handshake refusal; if none reached the gateway, the client's own failure. Refusals of earlier connections (a device
 * being paired, say) do not decide it. Pure.
 */
export function decidingRefusals(refusals: readonly Refusal[], obs: Observations): Refusal[] {
  const resolving = new Set(obs.wire.filter((w) => w.rpcs.some((r) => isResolveMethod(r.method))).map((w) => w.index));
  if (resolving.size) return refusals.filter((r) => r.connection !== null && resolving.has(r.connection) && isResolveMethod(r.at));
  const last = obs.wire.at(-1);
  if (last) return refusals.filter((r) => r.connection === last.index && r.at === "connect");
  return refusals.filter((r) => r.at === "client");
}
