import { describe, expect, it } from "vitest";
import { childBaseEnv, compileCacheEnv, sandboxLayout } from "./layout.ts";
import { execApprovalsDocument, gatewayConfig } from "./files.ts";

const layout = sandboxLayout("/tmp/openclaw-smoke-abc");

describe("sandbox layout and files", () => {
  it("keeps state, config, logs, cache and temp inside the sandbox", () => {
    for (const p of Object.values(layout)) expect(p.startsWith("/tmp/openclaw-smoke-abc")).toBe(true);
    expect(layout.execApprovalsPath).toBe("/tmp/openclaw-smoke-abc/.openclaw/exec-approvals.json");
  });

  it("writes the socket token only for the shared profile", () => {
    expect(execApprovalsDocument(layout, "shared-socket-token", "tok")).toMatchObject({ version: 1, socket: { token: "tok", path: layout.socketPath } });
    expect(execApprovalsDocument(layout, "no-socket-token", "tok")).toBeNull();
  });

  it("gateway config logs inside the sandbox, token auth on loopback", () => {
    expect(gatewayConfig(layout, 1234, "t")).toEqual({
      gateway: { mode: "local", port: 1234, bind: "loopback", auth: { mode: "token", token: "t" }, controlUi: { enabled: false } },
      logging: { file: layout.logFile },
      update: { checkOnStart: false },
    });
  });

  it("builds the child env from scratch, dropping vitest and node variables", () => {
    const env = childBaseEnv(layout, { VITEST: "true", VITEST_POOL_ID: "1", TEST: "1", NODE_ENV: "test", NODE_PATH: "/x", LANG: "C.UTF-8", OPENCLAW_GATEWAY_URL: "ws://elsewhere", SECRET: "s" }, "/opt/node/bin");
    expect(Object.keys(env).some((k) => k.startsWith("VITEST") || k === "TEST" || k === "NODE_ENV" || k === "NODE_PATH" || k === "SECRET")).toBe(false);
    expect(env.OPENCLAW_GATEWAY_URL).toBeUndefined();
    expect(env).toMatchObject({ HOME: layout.home, OPENCLAW_HOME: layout.home, TMPDIR: layout.tmpDir, XDG_CACHE_HOME: layout.cacheDir, NODE_DISABLE_COMPILE_CACHE: "1", LANG: "C.UTF-8" });
    expect(env.NODE_COMPILE_CACHE).toBeUndefined();
    expect(env.PATH?.startsWith("/opt/node/bin:")).toBe(true);
  });

  it("with a persistent compile cache: the gateway keeps OpenClaw's default (no variable, no respawn), a runtime process uses the sandbox's link", () => {
    const env = childBaseEnv(layout, {}, "/opt/node/bin", true);
    expect(env.NODE_DISABLE_COMPILE_CACHE).toBeUndefined();
    expect(env.NODE_COMPILE_CACHE).toBeUndefined();
    expect(layout.compileCacheLink).toBe("/tmp/openclaw-smoke-abc/tmp/node-compile-cache");
    expect(compileCacheEnv(layout, "runtime", true)).toEqual({ NODE_COMPILE_CACHE: layout.compileCacheLink });
    expect(compileCacheEnv(layout, "gateway", true)).toEqual({});
  });

  it("without one, no child uses a compile cache at all", () => {
    expect(compileCacheEnv(layout, "runtime", false)).toEqual({ NODE_DISABLE_COMPILE_CACHE: "1" });
    expect(compileCacheEnv(layout, "gateway", false)).toEqual({ NODE_DISABLE_COMPILE_CACHE: "1" });
  });
});
