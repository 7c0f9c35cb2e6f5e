import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.ts";
import { loadCatalog } from "./catalog.ts";
import { describeRoute, runtimeHomeEnv, runtimeInvocation } from "./client-setup.ts";
import { checkFaults, planRun, selectScenarios } from "./plan.ts";

const catalog = await loadCatalog();
const ctx = { tapUrl: "ws://127.0.0.1:40001", tapPort: 40001, gatewayToken: "gw-token-plan-test", unsharedHome: "/s/unshared-home" };
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

  it("rejects an unknown scenario with the list of known ones", () => {
    expect(() => selectScenarios(catalog, ["nope"], "smoke")).toThrow(UsageError);
    expect(() => selectScenarios(catalog, ["nope"], "smoke")).toThrow(/Use one of: local-token-handoff/);
  });
});

describe("planRun", () => {
  it("one target for smoke, base and head for proof, one gateway per sandbox profile", () => {
    expect(planRun(catalog, base).targets).toEqual([{ role: "single", spec: "default" }]);
    const proof = planRun(catalog, { ...base, mode: "proof" });
    expect(proof.targets).toEqual([{ role: "base", spec: "2026.6.5" }, { role: "head", spec: "default" }]);
    expect(proof.groups.map((g) => g.profile)).toEqual(["shared-socket-token"]);
    const withProbe = planRun(catalog, { ...base, mode: "proof", scenarioIds: ["local-token-handoff", "no-shared-socket-token"] });
    expect(withProbe.groups.map((g) => g.profile)).toEqual(["shared-socket-token", "no-socket-token"]);
  });

  it("refuses --base on smoke and a bad concurrency", () => {
    expect(() => planRun(catalog, { ...base, base: "2026.6.5" })).toThrow(UsageError);
    expect(() => planRun(catalog, { ...base, concurrency: 0 })).toThrow(/concurrency/);
  });
});

describe("runtime client set-up per route", () => {
  it("local-config: local mode on the tap port, no env override", () => {
    const inv = runtimeInvocation("local-config", ctx);
    expect(inv.cfg).toEqual({ gateway: { mode: "local", port: 40001, bind: "loopback", auth: { mode: "token", token: ctx.gatewayToken } } });
    expect(inv.env).toEqual({});
    expect(inv.expectedUrlSource).toBe("local loopback");
  });

  it("env-url: OPENCLAW_GATEWAY_URL and _TOKEN point at the tap", () => {
    const inv = runtimeInvocation("env-url", ctx);
    expect(inv.env).toEqual({ OPENCLAW_GATEWAY_URL: ctx.tapUrl, OPENCLAW_GATEWAY_TOKEN: ctx.gatewayToken });
    expect(inv.expectedUrlSource).toBe("env OPENCLAW_GATEWAY_URL");
  });

  it("config-remote-url: remote mode with the loopback tap as remote.url", () => {
    const inv = runtimeInvocation("config-remote-url", ctx);
    expect(inv.cfg).toEqual({ gateway: { mode: "remote", remote: { url: ctx.tapUrl, token: ctx.gatewayToken } } });
    expect(inv.env).toEqual({});
  });

  it("fallback-local: remote mode, no remote.url, local port = the tap", () => {
    const inv = runtimeInvocation("fallback-local", ctx);
    const gw = inv.cfg.gateway as Record<string, unknown>;
    expect(gw.mode).toBe("remote");
    expect(gw.remote).toBeUndefined();
    expect(gw.port).toBe(40001);
    expect(describeRoute("fallback-local")).toMatch(/fallback local/);
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
    const shared = runtimeInvocation("local-config", ctx);
    const unshared = runtimeInvocation("local-config", ctx, "unshared");
    expect(shared.env).toEqual({});
    expect(unshared.cfg).toEqual(shared.cfg);
    expect(unshared.env).toMatchObject({ HOME: "/s/unshared-home", OPENCLAW_HOME: "/s/unshared-home" });
    expect(runtimeInvocation("env-url", ctx, "unshared").env).toMatchObject({ OPENCLAW_GATEWAY_URL: ctx.tapUrl, OPENCLAW_HOME: "/s/unshared-home" });
    expect(describeRoute("local-config", "unshared")).toMatch(/OPENCLAW_HOME of its own/);
    expect(describeRoute("local-config")).not.toMatch(/of its own/);
  });

  it("the proof's control shares the gateway of the core scenarios, so a proof needs one gateway per target", async () => {
    const plan = planRun(await loadCatalog(), { mode: "proof", scenarioIds: [], openclaw: null, base: null, head: null, keep: false, concurrency: 1 });
    expect(plan.groups.map((g) => g.profile)).toEqual(["shared-socket-token"]);
    const control = plan.groups[0]?.scenarios.find((s) => s.id === "unshared-home-runtime");
    expect(control?.client).toMatchObject({ kind: "openclaw-runtime", route: "local-config", home: "unshared" });
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
