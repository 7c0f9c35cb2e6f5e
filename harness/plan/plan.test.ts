import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.ts";
import { loadCatalog } from "./catalog.ts";
import { describeClient, runtimeHomeEnv, runtimeInvocation, URL_SOURCE, urlSourceOf } from "./client-setup.ts";
import { checkFaults, planRun, selectScenarios } from "./plan.ts";
import { changesForRun, requiredForProof, validateCatalog } from "./validate-catalog.ts";
import { changes } from "../../scenarios/changes.ts";

const catalog = await loadCatalog();
const door = (port: number) => ({ port, url: `ws://127.0.0.1:${port}` });
const ctx = { doors: { local: door(40001), env: door(40002), remote: door(40003), explicit: door(40004) }, gatewayToken: "gw-token-plan-test", unsharedHome: "/s/unshared-home", configDir: "/s/client-configs", scenarioId: "sc" };
const base = { mode: "smoke" as const, scenarioIds: [], openclaw: null, base: null, head: null, keep: false, concurrency: 4 };

describe("scenario catalog and selection", () => {
  it("loads every scenario file with a unique id and a one-sentence claim", () => {
    const ids = catalog.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 4)).toEqual(["local-token-handoff", "env-url-omission", "configured-remote-identity", "fallback-local"]);
    for (const s of catalog) expect(s.claim.trim().endsWith(".")).toBe(true);
  });

  it("smoke runs the core set; proof adds the control", () => {
    expect(selectScenarios(catalog, [], "smoke").map((s) => s.group)).toEqual(["core", "core", "core", "core"]);
    expect(selectScenarios(catalog, [], "proof").map((s) => s.id)).toContain("unshared-home-runtime");
    expect(selectScenarios(catalog, [], "proof").map((s) => s.id)).not.toContain("no-shared-socket-token");
  });

  it("rejects an unknown scenario in one short line: the nearest id, and where the list is", () => {
    expect(() => selectScenarios(catalog, ["nope"], "smoke")).toThrow(UsageError);
    expect(() => selectScenarios(catalog, ["nope"], "smoke")).toThrow(/^unknown scenario 'nope'\. `corepack pnpm smoke --list` lists all \d+$/);
    expect(() => selectScenarios(catalog, ["local-token-handof", "x"], "smoke")).toThrow(/^unknown scenario 'local-token-handof' \(and 1 more\)\. Did you mean local-token-handoff\? `corepack pnpm smoke --list` lists all/);
  });
});

describe("planRun", () => {
  it("one target for smoke, base and head for proof, one gateway group per sandbox profile, and one per lifecycle scenario (a unit of its own)", () => {
    expect(planRun(catalog, base).targets).toEqual([{ role: "single", spec: "default" }]);
    const proof = planRun(catalog, { ...base, mode: "proof" });
    expect(proof.targets).toEqual([{ role: "base", spec: "2026.6.5" }, { role: "head", spec: "default" }]);
    const lifecycle = catalog.filter((s) => s.group === "lifecycle").map((s) => s.id);
    expect(lifecycle.length).toBeGreaterThan(1);
    expect(proof.groups.map((g) => g.profile)).toEqual(["shared-socket-token", "no-socket-token", ...lifecycle.map(() => "lifecycle")]);
    expect(proof.groups.filter((g) => g.profile === "lifecycle").map((g) => g.scenarios.map((s) => s.id))).toEqual(lifecycle.map((id) => [id]));
    const withProbe = planRun(catalog, { ...base, scenarioIds: ["local-token-handoff", "no-shared-socket-token"] });
    expect(withProbe.groups.map((g) => g.profile)).toEqual(["shared-socket-token", "no-socket-token"]);
  });

  it("refuses --base on smoke and a bad concurrency", () => {
    expect(() => planRun(catalog, { ...base, base: "2026.6.5" })).toThrow(UsageError);
    expect(() => planRun(catalog, { ...base, concurrency: 0 })).toThrow(/concurrency/);
  });
});

describe("runtime client set-up per route", () => {
  it("local-config: local mode on the tap's local door, no env override; the door means local loopback", () => {
    const inv = runtimeInvocation({ route: "local-config" }, ctx);
    expect(inv.cfg).toEqual({ gateway: { mode: "local", port: 40001, bind: "loopback", auth: { mode: "token", token: ctx.gatewayToken } } });
    expect(inv.env).toEqual({});
    expect(inv.configFile).toBeNull();
    expect(urlSourceOf(inv.doors, "local", "127.0.0.1:40001")).toBe(URL_SOURCE.local);
  });

  it("env-url: OPENCLAW_GATEWAY_URL and _TOKEN point at the env door; a client that ignored them is seen at the local door", () => {
    const inv = runtimeInvocation({ route: "env-url" }, ctx);
    expect(inv.env).toEqual({ OPENCLAW_GATEWAY_URL: ctx.doors.env.url, OPENCLAW_GATEWAY_TOKEN: ctx.gatewayToken });
    expect(urlSourceOf(inv.doors, "env", "127.0.0.1:40002")).toBe(URL_SOURCE.env);
    expect(urlSourceOf(inv.doors, "local", "127.0.0.1:40001")).toBe(URL_SOURCE.local);
  });

  it("config-remote-url: remote mode with the remote door as remote.url; falling back would land at the local door", () => {
    const inv = runtimeInvocation({ route: "config-remote-url" }, ctx);
    const gw = inv.cfg.gateway as Record<string, unknown>;
    expect(gw.mode).toBe("remote");
    expect(gw.remote).toEqual({ url: ctx.doors.remote.url, token: ctx.gatewayToken });
    expect(urlSourceOf(inv.doors, "remote", null)).toBe(URL_SOURCE.remote);
    expect(urlSourceOf(inv.doors, "local", null)).toBe(URL_SOURCE.fallback);
  });

  it("fallback-local: remote mode, no remote.url, local port = the local door", () => {
    const inv = runtimeInvocation({ route: "fallback-local" }, ctx);
    const gw = inv.cfg.gateway as Record<string, unknown>;
    expect(gw.mode).toBe("remote");
    expect(gw.remote).toBeUndefined();
    expect(gw.port).toBe(40001);
    expect(describeClient({ route: "fallback-local" })).toMatch(/without gateway.remote.url/);
  });

  it("explicit-url: resolveApprovalOverGateway gets the explicit door; the agent tool an allowed loopback override told apart by Host", () => {
    const inv = runtimeInvocation({ route: "explicit-url" }, ctx);
    expect(inv.gatewayUrl).toBe(ctx.doors.explicit.url);
    expect(urlSourceOf(inv.doors, "explicit", null)).toBe(URL_SOURCE.cli);
    const tool = runtimeInvocation({ route: "explicit-url", api: { call: "agent-tool-resolve" } }, ctx);
    expect(tool.gatewayUrl).toBe("ws://localhost:40001");
    expect(urlSourceOf(tool.doors, "local", "localhost:40001")).toBe(URL_SOURCE.toolOverride);
    expect(urlSourceOf(tool.doors, "local", "127.0.0.1:40001")).toBe(URL_SOURCE.local);
    expect(urlSourceOf(tool.doors, "env", null)).toBeNull();
  });

  it("the agent tool reads its config from a file in the sandbox (OPENCLAW_CONFIG_PATH) that keeps its log there too", () => {
    const inv = runtimeInvocation({ route: "local-config", api: { call: "agent-tool-resolve" } }, ctx);
    expect(inv.configFile).toBe("/s/client-configs/sc.openclaw.json");
    expect(inv.env.OPENCLAW_CONFIG_PATH).toBe(inv.configFile);
    expect(inv.cfg.logging).toEqual({ file: "/s/client-configs/sc.openclaw.log" });
  });

  it("an unshared home moves HOME and OPENCLAW_HOME (and the XDG config/data dirs) away from the gateway's; shared changes nothing", () => {
    expect(runtimeHomeEnv(undefined, "/s/unshared-home")).toEqual({});
    expect(runtimeHomeEnv("shared", "/s/unshared-home")).toEqual({});
    expect(runtimeHomeEnv("unshared", "/s/unshared-home")).toEqual({
      HOME: "/s/unshared-home",
      OPENCLAW_HOME: "/s/unshared-home",
      XDG_CONFIG_HOME: "/s/unshared-home/.config",
      XDG_DATA_HOME: "/s/unshared-home/.local/share",
    });
  });

  it("the invocation carries the home: every spawn path (prepared, isolated, netns) gets it from one place", () => {
    const shared = runtimeInvocation({ route: "local-config" }, ctx);
    const unshared = runtimeInvocation({ route: "local-config", home: "unshared" }, ctx);
    expect(shared.env).toEqual({});
    expect(unshared.cfg).toEqual(shared.cfg);
    expect(unshared.env).toMatchObject({ HOME: "/s/unshared-home", OPENCLAW_HOME: "/s/unshared-home" });
    expect(runtimeInvocation({ route: "env-url", home: "unshared" }, ctx).env).toMatchObject({ OPENCLAW_GATEWAY_URL: ctx.doors.env.url, OPENCLAW_HOME: "/s/unshared-home" });
    expect(describeClient({ route: "local-config", home: "unshared" })).toMatch(/OPENCLAW_HOME of its own/);
    expect(describeClient({ route: "local-config" })).not.toMatch(/of its own/);
  });

  it("the proof's control shares the gateway of the core scenarios", async () => {
    const plan = planRun(await loadCatalog(), { mode: "proof", scenarioIds: [], openclaw: null, base: null, head: null, keep: false, concurrency: 1 });
    const control = plan.groups[0]?.scenarios.find((s) => s.id === "unshared-home-runtime");
    expect(control?.client).toMatchObject({ kind: "openclaw-runtime", route: "local-config", home: "unshared" });
  });
});

describe("proof selection, positive controls and changes.ts (issue 15)", () => {
  const required = requiredForProof(changes);

  it("a proof whose selection leaves out a declared FAIL_TO_PASS scenario is a usage error naming it", () => {
    expect(required).toEqual(expect.arrayContaining(["local-token-handoff", "fallback-local", "env-url-omission", "configured-remote-identity"]));
    const subset = () => planRun(catalog, { ...base, mode: "proof", scenarioIds: ["env-url-omission"], requiredForProof: required });
    expect(subset).toThrow(UsageError);
    expect(subset).toThrow(/leaves out local-token-handoff/);
    expect(() => planRun(catalog, { ...base, mode: "proof", requiredForProof: required })).not.toThrow();
  });

  it("the upgrade group is a tier of its own: required of a proof only with --upgrade, its base from the proof's base or smoke's --upgrade-from", () => {
    // The Compose bumps are in the group but not in the tier: they need Docker (named with --scenario).
    const upgrades = catalog.filter((s) => s.group === "upgrade" && s.sandbox !== "compose").map((s) => s.id);
    expect(catalog.filter((s) => s.group === "upgrade" && s.sandbox === "compose").map((s) => s.id)).toEqual(["compose-upgrade-bump", "compose-upgrade-skew"]);
    expect(upgrades).toEqual(expect.arrayContaining(["upgrade-live-home", "upgrade-skew-gateway-first", "upgrade-skew-sidecar-first", "upgrade-storage-migration"]));
    expect(required).toEqual(expect.arrayContaining(["upgrade-live-home"]));
    const plain = planRun(catalog, { ...base, mode: "proof", requiredForProof: required });
    expect(plain.scenarioIds.filter((id) => upgrades.includes(id) || id.startsWith("compose-upgrade-"))).toEqual([]);
    expect(plain.upgradeBase).toBeNull();
    const tier = planRun(catalog, { ...base, mode: "proof", base: "2026.6.4", requiredForProof: required, upgrade: true });
    expect(tier.scenarioIds).toEqual(expect.arrayContaining(upgrades));
    expect(tier.scenarioIds.filter((id) => id.startsWith("compose-"))).toEqual([]);
    expect(tier.upgradeBase).toBe("2026.6.4");
    // Asked for, the tier's declared fixes are required like the rest.
    expect(() => planRun(catalog, { ...base, mode: "proof", scenarioIds: ["local-token-handoff", "fallback-local"], requiredForProof: ["upgrade-live-home"], upgrade: true })).not.toThrow();
    const one = planRun(catalog, { ...base, scenarioIds: ["upgrade-live-home"] });
    expect(one.upgradeBase).toBe("2026.6.5");
    expect(planRun(catalog, { ...base, scenarioIds: ["upgrade-live-home"], upgradeFrom: "2026.6.11" }).upgradeBase).toBe("2026.6.11");
    expect(planRun(catalog, { ...base }).upgradeBase).toBeNull();
    expect(() => planRun(catalog, { ...base, upgradeFrom: "2026.6.11" })).toThrow(/--upgrade-from names the build an upgrade scenario's home is made by, and none is selected/);
    expect(() => planRun(catalog, { ...base, upgrade: true })).toThrow(/--upgrade adds the upgrade group to a proof/);
    expect(() => planRun(catalog, { ...base, mode: "proof", upgrade: true, upgradeFrom: "2026.6.11", requiredForProof: required })).toThrow(/start from its --base/);
  });

  it("a run that did not select the upgrade tier is not judged on it; one that did is", () => {
    const notSelected = catalog.filter((s) => s.group === "upgrade").map((s) => ({ id: s.id, group: s.group }));
    const scoped = changesForRun(changes, notSelected);
    expect(Object.keys(scoped.expectations).filter((id) => id.startsWith("upgrade-"))).toEqual([]);
    expect(requiredForProof(scoped)).not.toContain("upgrade-live-home");
    expect(Object.keys(scoped.expectations)).toContain("local-token-handoff");
    expect(changesForRun(changes, [{ id: "no-shared-socket-token", group: "control" }])).toBe(changes);
  });

  it("a probe selected alone brings its positive control, and the plan says so", () => {
    const plan = planRun(catalog, { ...base, scenarioIds: ["wrong-client-shape"] });
    expect(plan.scenarioIds).toEqual(["wrong-client-shape", "derived-token-probe"]);
    expect(plan.addedControls).toEqual([{ id: "derived-token-probe", for: ["wrong-client-shape"] }]);
    const locality = planRun(catalog, { ...base, scenarioIds: ["non-loopback-peer"] });
    expect(locality.scenarioIds).toEqual(["non-loopback-peer", "loopback-peer-control"]);
    expect(locality.groups.map((g) => g.profile)).toEqual(["lan-bind"]);
  });

  it("the real catalog and changes.ts agree; a renamed scenario or expectation is a usage error naming the typo", () => {
    expect(() => validateCatalog(catalog, changes)).not.toThrow();
    const renamed = { ...changes, expectations: { ...changes.expectations, "local-token-handof": { "*": "FAIL_TO_PASS" as const } } };
    expect(() => validateCatalog(catalog, renamed)).toThrow(/unknown scenario 'local-token-handof'/);
    const badExpectation = { ...changes, expectations: { ...changes.expectations, "env-url-omission": { "device-identty": "FAIL_TO_PASS" as const } } };
    expect(() => validateCatalog(catalog, badExpectation)).toThrow(/has no expectation 'device-identty'/);
    const badBug = { ...changes, base: { expectedToShowBug: ["fallback-locall"] } };
    expect(() => validateCatalog(catalog, badBug)).toThrow(UsageError);
  });

  it("a scenario declared FAIL_TO_FAIL must carry its finding's reproduction command", () => {
    const fallback = catalog.find((s) => s.id === "agent-tool-fallback-local")!;
    expect(fallback.knownFinding?.reproduce).toMatch(/callGatewayTool/);
    const bare = { ...fallback, knownFinding: undefined };
    expect(() => validateCatalog([...catalog.filter((s) => s.id !== fallback.id), bare], changes)).toThrow(/'agent-tool-fallback-local' FAIL_TO_FAIL, but the scenario has no knownFinding/);
  });

  it("a wire probe may not expect what only echoes the harness (its own token or device)", () => {
    const probe = catalog.find((s) => s.id === "forged-token")!;
    const echo = { ...probe, expectations: [{ id: "runtime-token" as const, expect: "not-derived" as const }, ...probe.expectations] };
    expect(() => validateCatalog([...catalog.filter((s) => s.id !== "forged-token"), echo], changes)).toThrow(/only echoes/);
  });
});

describe("checkFaults", () => {
  const none = { killGatewayDuring: null, freezeTap: null };
  it("accepts a fault on a planned scenario", () => {
    const plan = planRun(catalog, base);
    expect(() => checkFaults(plan, none)).not.toThrow();
    expect(() => checkFaults(plan, { ...none, killGatewayDuring: "env-url-omission", freezeTap: "local-token-handoff" })).not.toThrow();
  });
  it("refuses a fault that would inject nothing", () => {
    const plan = planRun(catalog, base);
    expect(() => checkFaults(plan, { ...none, freezeTap: "forged-token" })).toThrow(UsageError);
    const netns = planRun(catalog, { ...base, scenarioIds: ["non-loopback-peer"] });
    expect(() => checkFaults(netns, { ...none, freezeTap: "non-loopback-peer" })).toThrow(/network namespace/);
    expect(() => checkFaults(netns, { ...none, killGatewayDuring: "non-loopback-peer" })).not.toThrow();
  });
});
