import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { DoorRoute, Observations } from "../evidence/types.ts";
import { loadCatalog } from "../plan/catalog.ts";
import { decidingObservation, evaluate, scenarioStatus } from "./evaluate.ts";

const catalog = await loadCatalog();
interface Recording {
  setup: { doors: DoorRoute[] };
  observations: Observations;
}
const recording = (name: string): Recording => JSON.parse(readFileSync(new URL(`../../fixtures/observations/${name}.json`, import.meta.url), "utf8")) as Recording;
const recorded = (name: string): Observations => recording(name).observations;
const doorsOf = (id: string): DoorRoute[] => recording(`2026.9.6-${id}`).setup.doors;
const expectationsOf = (id: string) => catalog.find((s) => s.id === id)!.expectations;
const judge = (id: string, obs: Observations) => evaluate(expectationsOf(id), obs, { doors: doorsOf(CORE.includes(id) ? id : "env-url-omission") });

const CORE = ["local-token-handoff", "env-url-omission", "configured-remote-identity", "fallback-local"];

describe("agent-tool-fallback-local, recorded on 2026.6.5 and 2026.9.6", () => {
  const fallback = (v: string) => {
    const r = recording(`${v}-agent-tool-fallback-local`);
    return Object.fromEntries(evaluate(expectationsOf("agent-tool-fallback-local"), r.observations, { doors: r.setup.doors }).map((e) => [e.id, e.pass]));
  };
  it("the tool's own token choice tells the fixed build from the base, though neither connects", () => {
    expect(fallback("2026.9.6")).toEqual({ "client-token-choice": true, "url-source": false, "runtime-token": false, resolve: false, "requester-decision": false });
    expect(fallback("2026.6.5")["client-token-choice"]).toBe(false);
  });
  it("a client that derived nothing, or never reported a trace, fails the choice; 'none' holds only for no derivation", () => {
    const obs = recorded("2026.9.6-agent-tool-fallback-local");
    const rt = obs.runtime!;
    const choice = (d: typeof rt.tokenDerivation, expect: "derived" | "none") => evaluate([{ id: "client-token-choice", expect }], { ...obs, runtime: { ...rt, tokenDerivation: d } })[0]?.pass;
    expect(choice({ count: 1, equalsDerived: false }, "derived")).toBe(false);
    expect(choice(undefined, "derived")).toBe(false);
    expect(choice(undefined, "none")).toBe(false);
    expect(choice({ count: 0, equalsDerived: false }, "none")).toBe(true);
    expect(choice({ count: 1, equalsDerived: true }, "none")).toBe(false);
  });
});

describe("judging observations recorded from a real 2026.9.6 run", () => {
  it.each(CORE)("%s passes on its own recording", (id) => {
    const results = judge(id, recorded(`2026.9.6-${id}`));
    expect(results.filter((r) => !r.pass)).toEqual([]);
    expect(scenarioStatus(results)).toBe("passed");
  });

  it("a local-handoff recording fails the omission expectations, and the other way round", () => {
    expect(scenarioStatus(judge("env-url-omission", recorded("2026.9.6-local-token-handoff")))).toBe("failed");
    expect(scenarioStatus(judge("local-token-handoff", recorded("2026.9.6-env-url-omission")))).toBe("failed");
  });
});

describe("judging altered observations (small hand-made fakes of a failing build)", () => {
  it("a token that is not the derivation fails runtime-token and names it", () => {
    const obs = structuredClone(recorded("2026.9.6-local-token-handoff"));
    obs.wire[0]!.connect!.approvalRuntimeToken!.equalsDerived = false;
    const r = judge("local-token-handoff", obs).find((x) => x.id === "runtime-token")!;
    expect(r.pass).toBe(false);
    expect(r.observed).toContain("≠ derived");
  });

  it("a throwaway device id (not the persisted one) fails device-identity", () => {
    const obs = structuredClone(recorded("2026.9.6-env-url-omission"));
    obs.wire[0]!.connect!.deviceId = "f".repeat(64);
    expect(judge("env-url-omission", obs).find((x) => x.id === "device-identity")!.pass).toBe(false);
  });

  it("an approval that is gone (not pending) fails still-pending", () => {
    const obs = structuredClone(recorded("2026.9.6-env-url-omission"));
    obs.control!.pendingAfterRuntime = false;
    expect(judge("env-url-omission", obs).find((x) => x.id === "still-pending")!.pass).toBe(false);
  });

  it("a requester that received allow fails never-allow", () => {
    const obs = structuredClone(recorded("2026.9.6-configured-remote-identity"));
    obs.requester!.finalDecision = "allow-once";
    expect(judge("configured-remote-identity", obs).find((x) => x.id === "requester-decision")!.pass).toBe(false);
  });

  it("first-attempt passes only on a refused dial of the container's own loopback, not on any failure", () => {
    const firstAttempt = (errorMessage: string, connections: number) => {
      const obs = structuredClone(recorded("2026.9.6-env-url-omission"));
      const runtime = { pid: null, exitCode: 0, signal: null, timedOut: false, wallMs: 2100, ok: false, errorName: "Error", errorMessage, errorCode: null, errorReason: null, returned: null, logTail: "" };
      obs.compose = {
        topology: "official-cli", composeFile: "compose-official-cli.yaml", compose: "docker-compose 1.29.2", engineVersion: "20.10.24",
        image: { tag: "t", id: `sha256:${"a".repeat(64)}`, cached: true, buildMs: 0 }, project: "p", subnet: "169.254.42.0/24", upMs: 3000, gatewayReadyMs: 30000,
        layout: null, firstAttempt: { route: "local-config", runtime, connections },
      };
      return evaluate([{ id: "first-attempt", expect: "unreachable" }], obs)[0]!.pass;
    };
    expect(firstAttempt("connect ECONNREFUSED 127.0.0.1:18789", 0)).toBe(true);
    // A container that never ran the client also "fails" with no connection: that is not the claim.
    expect(firstAttempt("docker-compose run exited 1: no such service: openclaw-cli", 0)).toBe(false);
    expect(firstAttempt("connect ECONNREFUSED 127.0.0.1:18789", 1)).toBe(false);
  });

  it("nothing observed at the tap cannot pass anything", () => {
    const empty: Observations = { wire: [], runtime: null, control: null, requester: null, stateIdentity: null, isolation: null, socketTokenStore: null, compose: null };
    for (const id of CORE) {
      const results = judge(id, empty);
      expect(results.every((r) => !r.pass)).toBe(true);
    }
    expect(decidingObservation(empty)).toContain("no connect");
  });

  it("isolation evidence missing on either side cannot pass (a small hand-made fake of an unreadable /proc)", () => {
    const ns = (base: number) => ({ mnt: `mnt:[${base}]`, pid: `pid:[${base + 1}]`, uts: `uts:[${base + 2}]`, ipc: `ipc:[${base + 3}]`, net: "net:[1]" });
    const obs: Observations = {
      wire: [],
      runtime: null,
      control: null,
      requester: null,
      stateIdentity: null,
      socketTokenStore: null, compose: null, isolation: {
        gateway: { ns: ns(10), uid: 0, gid: 0, hostname: "host" },
        runtime: { ns: ns(20), uid: 64123, gid: 64123, hostname: "smoke-runtime" },
        hostTmpMarkerVisible: false,
        filesNeeded: [],
      },
    };
    const isolationOf = (o: Observations) => judge("isolated-runtime-other-user", o).find((x) => x.id === "isolation")!;
    expect(isolationOf(obs).pass).toBe(true);
    const noGatewayNs = structuredClone(obs);
    noGatewayNs.isolation!.gateway.ns = {};
    expect(isolationOf(noGatewayNs)).toMatchObject({ pass: false, observed: expect.stringContaining("mnt not read on both sides") });
    const noUid = structuredClone(obs);
    noUid.isolation!.runtime!.uid = null;
    expect(isolationOf(noUid)).toMatchObject({ pass: false, observed: expect.stringContaining("uid not read on both sides") });
  });

  it("a refusal by another gateway check fails the expectation and names the check that refused instead (issue 13 §1)", () => {
    // A recorded no-runtime-authority refusal, altered to what the scopes check answers for a deviceless non-local peer.
    const obs = structuredClone(recorded("2026.9.6-env-url-omission"));
    const w = obs.wire[0]!;
    w.connect!.deviceId = null;
    w.hello!.grantedScopes = [];
    Object.assign(w.rpcs[0]!, { errorCode: "INVALID_REQUEST", reason: "MISSING_SCOPE", message: "missing scope: operator.approvals" });
    const r = judge("env-url-omission", obs).find((x) => x.id === "resolve")!;
    expect(r.pass).toBe(false);
    expect(r.expected).toBe("refused by no-runtime-authority");
    expect(r.observed).toContain("refused by scopes-cleared instead");
    // The same answer on a live approval, as recorded, is the runtime check's.
    expect(judge("env-url-omission", recorded("2026.9.6-env-url-omission")).find((x) => x.id === "resolve")!.observed).toContain("refused by no-runtime-authority");
  });

  it("an APPROVAL_NOT_FOUND for an approval that is really gone is not a refusal by the runtime check", () => {
    const obs = structuredClone(recorded("2026.9.6-configured-remote-identity"));
    obs.control!.pendingAfterRuntime = false;
    expect(judge("configured-remote-identity", obs).find((x) => x.id === "resolve")!.observed).toContain("refused by approval-gone instead");
  });

  it("a resolve of another approval id than the scenario's does not count, refused or succeeded (issue 15 §2)", () => {
    const refused = structuredClone(recorded("2026.9.6-env-url-omission"));
    refused.wire[0]!.rpcs[0]!.approvalId = "00000000-0000-0000-0000-000000000000";
    const r = judge("env-url-omission", refused).find((x) => x.id === "resolve")!;
    expect(r.pass).toBe(false);
    expect(r.observed).toContain("another approval id");
    const ok = structuredClone(recorded("2026.9.6-local-token-handoff"));
    ok.wire[0]!.rpcs.find((x) => x.method.endsWith("approval.resolve"))!.approvalId = null;
    expect(judge("local-token-handoff", ok).find((x) => x.id === "resolve")!.pass).toBe(false);
  });

  it("an ok answer that says nothing was applied is no successful resolve", () => {
    const obs = structuredClone(recorded("2026.9.6-local-token-handoff"));
    obs.wire[0]!.rpcs.find((x) => x.method.endsWith("approval.resolve"))!.applied = false;
    expect(judge("local-token-handoff", obs).find((x) => x.id === "resolve")).toMatchObject({ pass: false, observed: expect.stringContaining("not applied") });
  });

  it("a malformed token or device is not absent (issue 15 §2)", () => {
    const obs = structuredClone(recorded("2026.9.6-env-url-omission"));
    obs.wire[0]!.connect!.malformed = ["auth.approvalRuntimeToken: empty string"];
    expect(judge("env-url-omission", obs).find((x) => x.id === "runtime-token")).toMatchObject({ pass: false, observed: expect.stringContaining("malformed") });
    const dev = structuredClone(recorded("2026.9.6-local-token-handoff"));
    dev.wire[0]!.connect!.malformed = ["device.id: number"];
    expect(judge("local-token-handoff", dev).find((x) => x.id === "device-identity")).toMatchObject({ pass: false, observed: expect.stringContaining("malformed") });
  });

  it("the URL source is what the wire shows: a client that dialed the local door instead of the env URL fails url-source (issue 15 §2)", () => {
    expect(judge("env-url-omission", recorded("2026.9.6-env-url-omission")).find((x) => x.id === "url-source")).toMatchObject({ pass: true, observed: "env OPENCLAW_GATEWAY_URL" });
    const obs = structuredClone(recorded("2026.9.6-env-url-omission"));
    obs.wire[0]!.door = "local";
    expect(judge("env-url-omission", obs).find((x) => x.id === "url-source")).toMatchObject({ pass: false, observed: "local loopback" });
  });

  it("a socket-token store that could not be read proves nothing: unchanged fails", () => {
    const store = (unreadable: string[]) => ({ execApprovalsFile: false, tokenFingerprints: [], derivedFingerprints: [], unreadable });
    const obs = { ...structuredClone(recorded("2026.9.6-env-url-omission")), socketTokenStore: { before: store([]), after: store([]) } };
    const expectation = [{ id: "socket-token-store" as const, expect: "unchanged" as const }];
    expect(evaluate(expectation, obs)[0]).toMatchObject({ pass: true });
    obs.socketTokenStore.after = store(["state database: file is not a database"]);
    expect(evaluate(expectation, obs)[0]).toMatchObject({ pass: false, observed: "not read: after: state database: file is not a database" });
  });

  it("not-derived is judged against the tokens in the store after the client ran, not only the one the run wrote (issue 34)", () => {
    const obs = structuredClone(recorded("2026.9.6-env-url-omission"));
    const c = obs.wire[0]!.connect!;
    c.approvalRuntimeToken = { length: 43, fingerprint: "aaaaaaaaaaaa", equalsDerived: false };
    const empty = { execApprovalsFile: false, tokenFingerprints: [], derivedFingerprints: [], unreadable: [] };
    const notDerived = [{ id: "runtime-token" as const, expect: "not-derived" as const }];
    // A store with no socket token: a token that is no derivation of anything there holds.
    const clean = { ...obs, socketTokenStore: { before: empty, after: empty } };
    expect(evaluate(notDerived, clean)[0]).toMatchObject({ pass: true });
    // The client made a socket token itself and sent its derivation: the run's own token never matched, the store's does.
    const made = { ...obs, socketTokenStore: { before: empty, after: { ...empty, tokenFingerprints: ["bbbbbbbbbbbb"], derivedFingerprints: ["aaaaaaaaaaaa"] } } };
    expect(evaluate(notDerived, made)[0]).toMatchObject({ pass: false, observed: expect.stringContaining("= the derivation of a socket token in the store") });
    // A store that could not be read proves nothing either way.
    const unread = { ...obs, socketTokenStore: { before: empty, after: { ...empty, unreadable: ["state database: locked"] } } };
    expect(evaluate(notDerived, unread)[0]?.pass).toBe(false);
  });

  it("a runtime process that timed out cannot count as refused", () => {
    const obs = structuredClone(recorded("2026.9.6-env-url-omission"));
    obs.runtime = { ...obs.runtime!, ok: null, timedOut: true };
    expect(judge("env-url-omission", obs).find((x) => x.id === "resolve")!.pass).toBe(false);
  });
});
