import type { ExpectationResult, Observations, ScenarioStatus } from "../evidence/types.ts";
import type { Expectation } from "../plan/scenario-types.ts";
import { connects, deviceText, isLoopbackAddress, requesterText, resolveRpcs, resolveText, tokenText } from "./summarize.ts";

/** Expectations evaluated on observations. A claim that could not be observed fails. Pure. */
export function evaluate(expectations: readonly Expectation[], obs: Observations): ExpectationResult[] {
  return expectations.map((e) => evaluateOne(e, obs));
}

function result(e: Expectation, description: string, expected: string, observed: string, pass: boolean): ExpectationResult {
  return { id: e.id, description, expected, observed, pass };
}

function evaluateOne(e: Expectation, obs: Observations): ExpectationResult {
  const cs = connects(obs);
  switch (e.id) {
    case "runtime-token": {
      const tokens = cs.map((c) => c.approvalRuntimeToken);
      const pass =
        cs.length > 0 &&
        (e.expect === "derived"
          ? tokens.every((t) => t?.equalsDerived === true)
          : e.expect === "absent"
            ? tokens.every((t) => t === null)
            : tokens.every((t) => t !== null && !t.equalsDerived));
      const expected = e.expect === "derived" ? "present and = HMAC derivation of the shared socket token" : e.expect === "absent" ? "absent" : "present and ≠ derivation";
      return result(e, "auth.approvalRuntimeToken on the runtime's connect", expected, tokenText(obs), pass);
    }
    case "device-identity": {
      if (e.expect === "absent") {
        return result(e, "device identity on the runtime's connect", "absent", deviceText(obs), cs.length > 0 && cs.every((c) => c.deviceId === null));
      }
      const state = obs.stateIdentity;
      const persisted = state?.deviceId ?? null;
      const pass = cs.length > 0 && persisted !== null && cs.every((c) => c.deviceId === persisted);
      const observed = `${deviceText(obs)}; state dir ${state?.source ?? "unread"} identity ${persisted ? `${persisted.slice(0, 12)}…` : "absent"}`;
      return result(e, "device identity on the runtime's connect", "present and = the stable identity persisted in the shared state dir", observed, pass);
    }
    case "resolve": {
      const rpcs = resolveRpcs(obs);
      const rt = obs.runtime;
      const pass =
        e.expect === "succeeded"
          ? rpcs.length > 0 && rpcs.some((r) => r.ok === true) && rt?.ok === true
          : rt?.ok === false &&
            (rpcs.length > 0 ? rpcs.every((r) => r.ok === false) : obs.wire.some((c) => c.hello !== null && !c.hello.ok));
      return result(e, "the runtime process's resolve, as the gateway answered it", e.expect, resolveText(obs), pass);
    }
    case "still-pending": {
      const c = obs.control;
      const observed = c ? (c.pendingAfterRuntime ? "pending (seen by the admin control client)" : "not pending") : "no control check";
      return result(e, "the approval after the runtime process ended", e.expect ? "still pending" : "not pending", observed, c !== null && c.pendingAfterRuntime === e.expect);
    }
    case "requester-decision": {
      const r = obs.requester;
      const final = r?.finalDecision ?? null;
      const pass = e.expect === "allow-once" ? final === "allow-once" && r?.finalSource === "runtime" : final !== null && !final.startsWith("allow");
      return result(e, "what the requester finally received", e.expect === "allow-once" ? "allow-once, from the runtime" : "a final decision that is not an allow", requesterText(obs), pass);
    }
    case "gateway-peer": {
      const addrs = obs.wire.map((c) => c.upstreamLocalAddress);
      const pass = addrs.length > 0 && addrs.every((a) => a !== null && (e.expect === "loopback" ? isLoopbackAddress(a) : !isLoopbackAddress(a)));
      return result(e, "the peer address the gateway saw for the runtime's connection", e.expect, addrs.length ? addrs.map((a) => a ?? "unknown").join(", ") : "no connection seen", pass);
    }
    case "runtime-log": {
      const tail = obs.runtime?.logTail ?? "";
      const pattern = new RegExp(e.expect.pattern);
      const line = tail.split("\n").find((l) => pattern.test(l));
      return result(e, "the runtime process's own log", `${e.expect.meaning} (/${e.expect.pattern}/)`, line ? line.slice(0, 240) : "no matching line in the runtime's log", line !== undefined);
    }
    case "isolation": {
      const iso = obs.isolation;
      if (!iso?.runtime) return result(e, "namespace isolation of the runtime process", "isolation evidence", "no isolation evidence recorded", false);
      const problems: string[] = [];
      const g = iso.gateway;
      const rt = iso.runtime;
      // A side that could not be read proves nothing either way.
      const pair = (k: string): [unknown, unknown] => (k === "uid" ? [g.uid, rt.uid] : [g.ns[k], rt.ns[k]]);
      const unread = (v: unknown): boolean => v === undefined || v === null;
      for (const k of e.expect.differ) {
        const [a, b] = pair(k);
        if (unread(a) || unread(b)) problems.push(`${k} not read on both sides`);
        else if (a === b) problems.push(`${k} not different`);
      }
      for (const k of e.expect.same) {
        const [a, b] = pair(k);
        if (unread(a) || unread(b)) problems.push(`${k} not read on both sides`);
        else if (a !== b) problems.push(`${k} differs`);
      }
      if (e.expect.privateTmp && iso.hostTmpMarkerVisible !== false) problems.push("runtime /tmp marker visible on host");
      const expected = `differ: ${e.expect.differ.join(",")}; same: ${e.expect.same.join(",")}${e.expect.privateTmp ? "; private /tmp" : ""}`;
      return result(e, "namespace isolation of the runtime process", expected, problems.length ? problems.join("; ") : "as expected", problems.length === 0);
    }
  }
}

export function scenarioStatus(results: readonly ExpectationResult[]): ScenarioStatus {
  return results.length > 0 && results.every((r) => r.pass) ? "passed" : "failed";
}

/** The one-line deciding observation shown in the terminal. Pure. */
export function decidingObservation(obs: Observations): string {
  const tok = connects(obs).map((c) => c.approvalRuntimeToken);
  const token = tok.length === 0 ? "no connect" : tok.every((t) => t === null) ? "token absent" : tok.every((t) => t?.equalsDerived) ? "token = derived" : "token ≠ derived";
  const device = connects(obs).some((c) => c.deviceId) ? "device present" : "no device";
  const rpc = resolveRpcs(obs)[0];
  const resolve = rpc ? (rpc.ok ? "resolve ok" : `resolve ${rpc.reason ?? rpc.errorCode ?? "refused"}`) : "no resolve";
  const final = obs.requester?.finalDecision ?? "nothing";
  return `${token}, ${device}, ${resolve}, requester got ${final}`;
}
