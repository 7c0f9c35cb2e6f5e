import { describe, expect, it } from "vitest";
import type { ComposeTopology } from "../plan/scenario-types.ts";
import { composeDocument, OWNER_LABEL, RUN_LABEL, serviceNames, type ComposeRunParams } from "./topology.ts";
import type { YamlValue } from "./yaml.ts";

const params = (topology: ComposeTopology): ComposeRunParams => ({
  topology,
  runId: "20261202T000000-smoke-abcdef",
  owner: '{"tool":"openclaw-approval-smoke","pid":4242}',
  image: "openclaw-approval-smoke:2026.9.6-0-h0.1.0",
  subnet: "169.254.42.0/24",
  mounts: { nodeBinary: "/n/node", targetDir: "/t/openclaw", samePath: ["/t"], system: ["/usr"] },
  stateDir: "/s/state",
  tapDir: "/s/tap",
  runtimeChild: "/h/runtime-child.mjs",
  tapEntry: "/h/tap-entry.ts",
  compileCache: "/c",
  layout: { document: "docs/install/docker/compose-operations.md", quote: "…", sharesNetns: true, capDrop: ["NET_RAW", "NET_ADMIN"], noNewPrivileges: true },
});

type Obj = { [key: string]: YamlValue };
const obj = (v: YamlValue | undefined): Obj => v as Obj;
const services = (d: Obj): Obj => obj(d.services);

describe("composeDocument", () => {
  it("a bump whose CLI image lags: the CLI keeps its own image and package, the gateway and the tap run the other; the reviewer's copy names one image", () => {
    const p = { ...params("official-cli"), sidecarBuild: { image: "openclaw-approval-smoke:2026.6.5-1-h0.1.0", targetDir: "/b/openclaw" } };
    const s = services(composeDocument(p, false, ""));
    expect(obj(s["openclaw-cli"]).image).toBe("openclaw-approval-smoke:2026.6.5-1-h0.1.0");
    expect(obj(s["openclaw-cli"]).command).toEqual(["/h/runtime-child.mjs", "/b/openclaw", "resolve-over-gateway"]);
    for (const name of ["openclaw-gateway", "smoke-tap"]) expect(obj(s[name]).image).toBe("openclaw-approval-smoke:2026.9.6-0-h0.1.0");
    expect(obj(s["openclaw-gateway"]).command).toEqual(expect.arrayContaining(["/t/openclaw/openclaw.mjs"]));
    const report = services(composeDocument(p, true, "2026.9.6"));
    expect(obj(report["openclaw-cli"]).image).toBe("ghcr.io/openclaw/openclaw:2026.9.6");
    // Without one, both run the gateway's build.
    expect(obj(services(composeDocument(params("official-cli"), false, ""))["openclaw-cli"]).command).toEqual(["/h/runtime-child.mjs", "/t/openclaw", "resolve-over-gateway"]);
  });

  it("puts the tap in the gateway's network namespace and labels every service, the network and the volume", () => {
    const d = composeDocument(params("shared-netns"), false, "");
    const s = services(d);
    expect(obj(s["smoke-tap"]).network_mode).toBe("service:gateway");
    for (const name of ["gateway", "sidecar", "smoke-tap"]) expect(obj(obj(s[name]).labels)[RUN_LABEL]).toBe("20261202T000000-smoke-abcdef");
    for (const name of ["gateway", "sidecar", "smoke-tap"]) expect(obj(obj(s[name]).labels)[OWNER_LABEL]).toBe('{"tool":"openclaw-approval-smoke","pid":4242}');
    const net = obj(obj(d.networks).default);
    expect(net.internal).toBe(true);
    expect(obj(net.labels)[RUN_LABEL]).toBeDefined();
    expect(obj(net.labels)[OWNER_LABEL]).toBeDefined();
    expect(JSON.stringify(net.ipam)).toContain("169.254.42.0/24");
    expect(obj(obj(obj(d.volumes)["openclaw-home"]).labels)[RUN_LABEL]).toBeDefined();
    expect(obj(s.gateway).command).toEqual(["node", "/t/openclaw/openclaw.mjs", "gateway", "run", "--allow-unconfigured", "--bind", "lan", "--port", "18790"]);
  });

  it("gives each topology its sidecar shape", () => {
    const side = (t: ComposeTopology): Obj => obj(services(composeDocument(params(t), false, ""))[serviceNames(t).sidecar]);
    expect(side("shared-netns").network_mode).toBe("service:gateway");
    expect(side("other-uid").user).toBe("1001:1001");
    expect(side("readonly-volume").volumes).toContain("openclaw-home:/home/node/.openclaw:ro");
    expect(side("bridge-url").network_mode).toBeUndefined();
    expect(obj(side("bridge-url").environment).OPENCLAW_GATEWAY_URL).toBe("ws://gateway:18789");
    // OpenClaw's own layout, as the build's docs state it: the CLI in the gateway's namespace, both hardened.
    const cli = side("official-cli");
    expect(cli.network_mode).toBe("service:openclaw-gateway");
    expect(cli.volumes).toContain("/s/state:/home/node/.openclaw");
    const official = services(composeDocument(params("official-cli"), false, ""));
    for (const name of ["openclaw-gateway", "openclaw-cli"]) {
      expect(obj(official[name]).cap_drop, name).toEqual(["NET_RAW", "NET_ADMIN"]);
      expect(obj(official[name]).security_opt, name).toEqual(["no-new-privileges:true"]);
    }
    expect(obj(official["smoke-tap"]).cap_drop).toBeUndefined();
    expect(obj(services(composeDocument(params("official-cli"), true, "2026.9.6"))["openclaw-gateway"]).ports).toEqual(["127.0.0.1:18789:18789"]);
    // A build whose docs state no layout: the CLI on the project network, as before openclaw/openclaw#5559.
    const before = composeDocument({ ...params("official-cli"), layout: { document: null, quote: null, sharesNetns: false, capDrop: [], noNewPrivileges: false } }, false, "");
    expect(obj(services(before)["openclaw-cli"]).network_mode).toBeUndefined();
    expect(obj(services(before)["openclaw-cli"]).cap_drop).toBeUndefined();
  });

  it("writes the reviewer's copy with the official image, no harness plumbing, no label and no secret", () => {
    for (const t of ["official-cli", "shared-netns", "bridge-url", "other-uid", "readonly-volume"] as const) {
      const d = composeDocument(params(t), true, "2026.9.6");
      const text = JSON.stringify(d);
      expect(text).toContain("ghcr.io/openclaw/openclaw:2026.9.6");
      expect(text).not.toContain("smoke-tap");
      expect(text).not.toContain(RUN_LABEL);
      expect(text).not.toMatch(/\/usr|\/t\/openclaw|\/s\/state|\/h\//);
      expect(text).toContain("${OPENCLAW_GATEWAY_TOKEN}");
      expect(obj(services(d)[serviceNames(t).gateway]).command).toEqual(["node", "dist/index.js", "gateway", "run", "--bind", "lan", "--port", "18789"]);
    }
  });
});
