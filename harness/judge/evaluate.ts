import type { DoorRoute, ExpectationResult, Observations, Refusal, ScenarioStatus } from "../evidence/types.ts";
import { urlSourceOf } from "../plan/client-setup.ts";
import type { Expectation } from "../plan/scenario-types.ts";
import { attributeRefusals, decidingRefusals } from "./refusal.ts";
import { connects, deviceText, isLoopbackAddress, malformedDevice, malformedToken, requesterText, resolveRpcs, resolveText, tokenText } from "./summarize.ts";

/** A connect refused on the dialling container's own loopback (Node's error text). */
const OWN_LOOPBACK_REFUSED = /ECONNREFUSED (127\.\d+\.\d+\.\d+|::1):\d+/;

/** What the judge knows of the set-up besides the observations: which tap door meant which URL source. */
export interface JudgeContext {
  doors: readonly DoorRoute[];
}

/** What the judge makes of one scenario's observations: its expectations, its attributed refusals, the deciding line. */
export interface Judgement {
  expectations: ExpectationResult[];
  refusals: Refusal[];
  deciding: string;
}

/** Judge a scenario: the refusals are attributed once and serve the expectations and the deciding line. Pure. */
export function judge(expectations: readonly Expectation[], obs: Observations, ctx: JudgeContext = { doors: [] }): Judgement {
  const refusals = attributeRefusals(obs);
  return { expectations: expectations.map((e) => evaluateOne(e, obs, refusals, ctx)), refusals, deciding: decidingObservation(obs, refusals) };
}

/** Expectations evaluated on observations. A claim that could not be observed fails. Pure. */
export function evaluate(expectations: readonly Expectation[], obs: Observations, ctx: JudgeContext = { doors: [] }): ExpectationResult[] {
  return judge(expectations, obs, ctx).expectations;
}

function result(e: Expectation, description: string, expected: string, observed: string, pass: boolean): ExpectationResult {
  return { id: e.id, description, expected, observed, pass };
}

function evaluateOne(e: Expectation, obs: Observations, refusals: readonly Refusal[], ctx: JudgeContext): ExpectationResult {
  const cs = connects(obs);
  switch (e.id) {
    case "runtime-token": {
      const pass =
        cs.length > 0 &&
        (e.expect === "derived"
          ? cs.every((c) => c.approvalRuntimeToken?.equalsDerived === true)
          : e.expect === "absent"
            ? cs.every((c) => c.approvalRuntimeToken === null && !malformedToken(c))
            : cs.every((c) => (c.approvalRuntimeToken !== null ? !c.approvalRuntimeToken.equalsDerived : malformedToken(c))));
      const expected = e.expect === "derived" ? "present and = HMAC derivation of the shared socket token" : e.expect === "absent" ? "absent from the frame" : "present and ≠ derivation";
      if (e.expect === "not-derived" && obs.socketTokenStore) {
        // Where the scenario read the store, "not derived" means from no socket token there, before or after the
        // client ran: a client that created a token itself and sent its derivation must not pass.
        const st = obs.socketTokenStore;
        const unread = [...st.before.unreadable, ...st.after.unreadable];
        const known = new Set([...(st.before.derivedFingerprints ?? []), ...(st.after.derivedFingerprints ?? [])]);
        const hit = cs.find((c) => c.approvalRuntimeToken !== null && known.has(c.approvalRuntimeToken.fingerprint));
        const observed = unread.length ? `the store was not read: ${unread.join("; ")}` : hit ? `${tokenText(obs)} = the derivation of a socket token in the store` : `${tokenText(obs)}; no socket token in the store derives it`;
        return result(e, "auth.approvalRuntimeToken on the runtime's connect", `${expected}, from any socket token in the store before or after`, observed, pass && unread.length === 0 && hit === undefined);
      }
      return result(e, "auth.approvalRuntimeToken on the runtime's connect", expected, tokenText(obs), pass);
    }
    case "device-identity": {
      if (e.expect === "absent") {
        return result(e, "device identity on the runtime's connect", "absent from the frame", deviceText(obs), cs.length > 0 && cs.every((c) => c.deviceId === null && !malformedDevice(c)));
      }
      const state = obs.stateIdentity;
      const persisted = state?.deviceId ?? null;
      const pass = cs.length > 0 && persisted !== null && cs.every((c) => c.deviceId === persisted);
      const observed = `${deviceText(obs)}; state dir ${state?.source ?? "unread"} identity ${persisted ? `${persisted.slice(0, 12)}…` : "absent"}`;
      return result(e, "device identity on the runtime's connect", "present and = the stable identity persisted in the shared state dir", observed, pass);
    }
    case "resolve": {
      const mine = obs.requester?.approvalId ?? null;
      const rpcs = resolveRpcs(obs);
      const foreign = rpcs.filter((r) => r.approvalId !== mine);
      const rt = obs.runtime;
      const wrongId = foreign.length > 0 ? `; resolve of another approval id (${foreign.map((r) => r.approvalId ?? "none").join(", ")}) than this scenario's ${mine ?? "(none)"}` : "";
      if (e.expect === "succeeded") {
        const pass = mine !== null && foreign.length === 0 && rpcs.some((r) => r.ok === true && r.applied !== false) && rt?.ok === true;
        return result(e, "the runtime process's resolve of this scenario's approval, as the gateway answered it", "succeeded", `${resolveText(obs)}${wrongId}`, pass);
      }
      const deciding = decidingRefusals(refusals, obs);
      const others = deciding.filter((r) => r.refusedBy !== e.by);
      const pass = mine !== null && foreign.length === 0 && rt?.ok === false && !rpcs.some((r) => r.ok === true) && deciding.length > 0 && others.length === 0;
      const by = deciding.length === 0 ? "no refusal seen" : others.length > 0 ? `refused by ${others.map((r) => r.refusedBy).join(", ")} instead (${others[0]?.basis ?? ""})` : `refused by ${e.by} (${deciding[0]?.basis ?? ""})`;
      return result(e, "the runtime process's resolve of this scenario's approval, as the gateway answered it", `refused by ${e.by}`, `${resolveText(obs)}; ${by}${wrongId}`, pass);
    }
    case "url-source": {
      const seen = obs.wire.filter((w) => w.connect !== null).map((w) => urlSourceOf(ctx.doors, w.door, w.host) ?? `unknown (door ${w.door}, host ${w.host ?? "none"})`);
      const pass = seen.length > 0 && seen.every((s) => s === e.expect);
      return result(e, "the URL source the client used, as seen from the tap door it dialed", e.expect, seen.length ? [...new Set(seen)].join("; ") : "no connect seen at the tap", pass);
    }
    case "connections": {
      const n = obs.wire.length;
      return result(e, "connections that reached the tap", "none", n === 0 ? "none" : `${n} connection(s)`, n === 0 && obs.runtime !== null);
    }
    case "granted-scopes": {
      const hellos = obs.wire.map((w) => w.hello).filter((h): h is NonNullable<typeof h> => h !== null && h.ok);
      const pass = hellos.length > 0 && hellos.every((h) => h.grantedScopes?.includes(e.expect.includes) === true);
      const observed = hellos.length ? hellos.map((h) => (h.grantedScopes ? `[${h.grantedScopes.join(",")}]` : "not reported")).join("; ") : "no hello-ok seen";
      return result(e, "the scopes hello-ok granted", `includes ${e.expect.includes}`, observed, pass);
    }
    case "rpc-method": {
      const rpcs = resolveRpcs(obs);
      const pass = rpcs.length > 0 && rpcs.every((r) => r.method === e.expect);
      return result(e, "the resolve method the client sent", e.expect, rpcs.length ? [...new Set(rpcs.map((r) => r.method))].join(", ") : "no resolve seen at the tap", pass);
    }
    case "requester-bound": {
      // The gateway exposes no requester field; its visibility rule shows the binding instead.
      const persisted = obs.stateIdentity?.deviceId ?? null;
      const id = obs.runtime?.returned?.approvalId ?? null;
      const waited = obs.wire.find((w) => w.connect?.deviceId === persisted && w.connect?.approvalRuntimeToken === null && w.rpcs.some((r) => r.method.endsWith("approval.waitDecision") && r.approvalId === id && r.ok === true));
      const stranger = obs.control?.strangerSees ?? null;
      const pass = persisted !== null && id !== null && waited !== undefined && stranger === false;
      const observed = `a stranger device ${stranger === null ? "was not asked" : stranger ? "SEES it" : "does not see it"}; the wait on a connection with the state dir identity ${persisted ? `${persisted.slice(0, 12)}…` : "(absent)"} and no token was ${waited ? "answered" : "not answered"}`;
      return result(e, "who the runtime's approval is bound to, by the gateway's visibility rule", "hidden from a stranger, answered to the state dir's stable identity", observed, pass);
    }
    case "wait-decision": {
      const returned = obs.runtime?.returned?.decision ?? null;
      const admin = obs.control?.settledWith ?? null;
      const pass = returned !== null && admin !== null && returned === admin;
      return result(e, "what the runtime's wait returned", "the decision the admin control client made", `wait returned ${returned ?? "nothing"}; admin decided ${admin ?? "nothing"}`, pass);
    }
    case "socket-token-store": {
      const st = obs.socketTokenStore;
      if (!st) return result(e, "socket tokens before and after the runtime ran", "unchanged", "not read", false);
      const added = st.after.tokenFingerprints.filter((f) => !st.before.tokenFingerprints.includes(f));
      const fileMade = st.after.execApprovalsFile && !st.before.execApprovalsFile;
      const unread = [...st.before.unreadable.map((u) => `before: ${u}`), ...st.after.unreadable.map((u) => `after: ${u}`)];
      if (unread.length) return result(e, "socket tokens before and after the runtime ran", "no new socket token and no new exec-approvals.json", `not read: ${unread.join("; ")}`, false);
      const observed = `before: file ${st.before.execApprovalsFile ? "present" : "absent"}, ${st.before.tokenFingerprints.length} token(s); after: file ${st.after.execApprovalsFile ? "present" : "absent"}, ${st.after.tokenFingerprints.length} token(s)${added.length ? `, new sha256:${added.join(",")}` : ""}`;
      return result(e, "socket tokens before and after the runtime ran", "no new socket token and no new exec-approvals.json", observed, added.length === 0 && !fileMade);
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
    case "first-attempt": {
      const a = obs.compose?.firstAttempt ?? null;
      if (!a) return result(e, "the first attempt (the generated local URL, from another container)", "unreachable", "no first attempt recorded", false);
      const err = a.runtime.errorMessage ?? (a.runtime.timedOut ? "timed out" : "no error");
      // Failing is not enough (a container that never ran the client fails too): the client must have dialled its own
      // loopback and found nothing there, and nothing may have reached the tap.
      const pass = a.runtime.ok === false && a.connections === 0 && OWN_LOOPBACK_REFUSED.test(err);
      const observed = `${a.route}: ${a.runtime.ok === true ? "succeeded" : `failed (${err.slice(0, 160)})`}; ${a.connections} connection(s) reached the tap`;
      return result(e, "the first attempt (the generated local URL, from another container)", "the client's dial of its own loopback is refused: nothing reaches the gateway", observed, pass);
    }
    case "client-token-choice": {
      const d = obs.runtime?.tokenDerivation;
      const observed = !obs.runtime ? "no runtime process ran" : !d ? "the runtime process reported no derivation trace" : d.count === 0 ? "it derived no approval-runtime token" : `${d.count} derivation(s), ${d.equalsDerived ? "one = this home's derivation" : "none = this home's derivation"}`;
      const pass = d !== undefined && (e.expect === "derived" ? d.equalsDerived : d.count === 0);
      const expected = e.expect === "derived" ? "it derived this home's approval-runtime token (its target: local)" : "it derived no approval-runtime token";
      return result(e, "the token OpenClaw's client chose in the runtime process, before any connect", expected, observed, pass);
    }
    case "runtime-log": {
      const tail = `${obs.runtime?.logTail ?? ""}\n${obs.runtime?.errorMessage ?? ""}`;
      const pattern = new RegExp(e.expect.pattern);
      const line = tail.split("\n").find((l) => pattern.test(l));
      return result(e, "the runtime process's own log or error", `${e.expect.meaning} (/${e.expect.pattern}/)`, line ? line.slice(0, 240) : "no matching line in the runtime's log or error", line !== undefined);
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
    case "handoff":
      // Stands for concrete expectations once the step's builds are known (judge/handoff-by-builds.ts); unexpanded,
      // nothing says what must be observed.
      return result(e, "a handoff across builds", "judged on the step's builds", "the step's builds were not known", false);
  }
}

export function scenarioStatus(results: readonly ExpectationResult[]): ScenarioStatus {
  return results.length > 0 && results.every((r) => r.pass) ? "passed" : "failed";
}

/** The one-line deciding observation shown in the terminal. Pure. */
export function decidingObservation(obs: Observations, refusals: readonly Refusal[] = attributeRefusals(obs)): string {
  const cs = connects(obs);
  const token =
    obs.wire.length === 0
      ? "no connection"
      : cs.length === 0
        ? "no connect"
        : cs.every((c) => c.approvalRuntimeToken === null && !malformedToken(c))
          ? "token absent"
          : cs.every((c) => c.approvalRuntimeToken?.equalsDerived)
            ? "token = derived"
            : "token ≠ derived";
  const device = cs.some((c) => c.deviceId) ? "device present" : "no device";
  const rpc = resolveRpcs(obs)[0];
  const refusal = decidingRefusals(refusals, obs)[0];
  const resolve = rpc?.ok ? `${rpc.method} ok` : refusal ? `refused by ${refusal.refusedBy}${rpc ? ` (${rpc.reason ?? rpc.errorCode ?? "?"})` : ""}` : rpc ? `${rpc.method} ${rpc.ok === null ? "unanswered" : "refused"}` : "no resolve";
  const final = obs.requester ? `requester got ${obs.requester.finalDecision ?? "nothing"}` : obs.runtime?.returned?.decision ? `wait returned ${obs.runtime.returned.decision}` : "no requester";
  return `${token}, ${device}, ${resolve}, ${final}`;
}
