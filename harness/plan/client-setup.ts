import { join } from "node:path";
import type { DoorRoute } from "../evidence/types.ts";
import { homeEnv } from "../sandbox/layout.ts";
import type { ClientSpec, GatewayRoute, RuntimeApi, RuntimeClientSpec } from "./scenario-types.ts";

/** The tap's doors as a set-up sees them: one loopback URL per URL source (see tap/tap.ts TAP_DOORS). */
export interface DoorUrls {
  local: { port: number; url: string };
  env: { port: number; url: string };
  remote: { port: number; url: string };
  explicit: { port: number; url: string };
}

/** What the approval-runtime process receives for one scenario. Pure data, computed once per scenario. */
export interface RuntimeInvocation {
  api: RuntimeApi;
  /** The OpenClaw config: passed as `cfg` to resolveApprovalOverGateway, or written to `configFile` for the agent tool. */
  cfg: Record<string, unknown>;
  /** Where the agent tool reads its config (OPENCLAW_CONFIG_PATH), inside the sandbox; null when cfg is passed in. */
  configFile: string | null;
  /** Extra environment on top of the sandbox's base env. */
  env: Record<string, string>;
  /** The `gatewayUrl` argument, when the route uses it. */
  gatewayUrl: string | null;
  /** Which door (and Host) means which URL source: how the report tells what the client really dialed. */
  doors: DoorRoute[];
}

export interface ClientSetupContext {
  doors: DoorUrls;
  gatewayToken: string;
  /** The sandbox's empty home for a client that must not share the gateway's (RuntimeClientSpec.home "unshared"). */
  unsharedHome: string;
  /** A folder inside the sandbox for per-scenario config files (and the agent tool's log, which its config names). */
  configDir: string;
  scenarioId: string;
}

export const URL_SOURCE = {
  local: "local loopback",
  fallback: "missing gateway.remote.url (fallback local)",
  env: "env OPENCLAW_GATEWAY_URL",
  remote: "config gateway.remote.url",
  cli: "cli --url",
  toolOverride: "gatewayUrl override (agent tool)",
} as const;

const DEFAULT_API: RuntimeApi = { call: "resolve-over-gateway" };

/**
 * What the runtime process gets for its route (each route is one urlSource of OpenClaw's client, each dialing its
 * own tap door), its API and its home (the gateway's, or one of its own). Pure.
 */
export function runtimeInvocation(spec: Pick<RuntimeClientSpec, "route" | "api" | "home">, ctx: ClientSetupContext): RuntimeInvocation {
  const api = spec.api ?? DEFAULT_API;
  const r = routeSetup(spec.route, api, ctx);
  const agentTool = api.call !== "resolve-over-gateway";
  const configFile = agentTool ? join(ctx.configDir, `${ctx.scenarioId}.openclaw.json`) : null;
  // A config read from disk also steers OpenClaw's file logger: keep its log in the sandbox, not /tmp/openclaw.
  const cfg = configFile ? { ...r.cfg, logging: { file: join(ctx.configDir, `${ctx.scenarioId}.openclaw.log`) } } : r.cfg;
  return {
    api,
    cfg,
    configFile,
    env: { ...r.env, ...(configFile ? { OPENCLAW_CONFIG_PATH: configFile } : {}), ...runtimeHomeEnv(spec.home, ctx.unsharedHome) },
    gatewayUrl: r.gatewayUrl,
    doors: r.doors,
  };
}

type RouteSetup = Pick<RuntimeInvocation, "cfg" | "env" | "gatewayUrl" | "doors">;

function routeSetup(route: GatewayRoute, api: RuntimeApi, ctx: ClientSetupContext): RouteSetup {
  const auth = { mode: "token", token: ctx.gatewayToken };
  const { doors } = ctx;
  const local = { mode: "local", port: doors.local.port, bind: "loopback", auth };
  // A client that ignored the route's URL would still be seen: at the local door, as what it fell back to.
  const localDoor: DoorRoute = { door: "local", host: null, urlSource: URL_SOURCE.local };
  const fallbackDoor: DoorRoute = { door: "local", host: null, urlSource: URL_SOURCE.fallback };
  switch (route) {
    case "local-config":
      return { cfg: { gateway: local }, env: {}, gatewayUrl: null, doors: [localDoor] };
    case "env-url":
      return {
        cfg: { gateway: local },
        env: { OPENCLAW_GATEWAY_URL: doors.env.url, OPENCLAW_GATEWAY_TOKEN: ctx.gatewayToken },
        gatewayUrl: null,
        doors: [{ door: "env", host: null, urlSource: URL_SOURCE.env }, localDoor],
      };
    case "config-remote-url":
      return {
        cfg: { gateway: { mode: "remote", port: doors.local.port, bind: "loopback", auth, remote: { url: doors.remote.url, token: ctx.gatewayToken } } },
        env: {},
        gatewayUrl: null,
        doors: [{ door: "remote", host: null, urlSource: URL_SOURCE.remote }, fallbackDoor],
      };
    case "fallback-local":
      return { cfg: { gateway: { ...local, mode: "remote" } }, env: {}, gatewayUrl: null, doors: [fallbackDoor] };
    case "explicit-url":
      if (api.call === "resolve-over-gateway") {
        return { cfg: { gateway: local }, env: {}, gatewayUrl: doors.explicit.url, doors: [{ door: "explicit", host: null, urlSource: URL_SOURCE.cli }, localDoor] };
      }
      // The agent tool accepts an override only on loopback at the configured port: the same door, by another name.
      return {
        cfg: { gateway: local },
        env: {},
        gatewayUrl: `ws://localhost:${doors.local.port}`,
        doors: [{ door: "local", host: "localhost", urlSource: URL_SOURCE.toolOverride }, { door: "local", host: "127.0.0.1", urlSource: URL_SOURCE.local }],
      };
  }
}

/** The URL source a connection used, from the door it arrived at and its Host header. Pure. */
export function urlSourceOf(doors: readonly DoorRoute[], door: string, host: string | null): string | null {
  const hostname = host === null ? null : host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  const match = doors.find((d) => d.door === door && (d.host === null || d.host === hostname));
  return match?.urlSource ?? null;
}

/** One line for the report: how the client is configured, without secrets. Pure. */
export function describeClient(spec: Pick<RuntimeClientSpec, "route" | "api" | "home">): string {
  const api = spec.api ?? DEFAULT_API;
  const call =
    api.call === "resolve-over-gateway"
      ? `resolveApprovalOverGateway${api.approvalKind ? ` (approvalKind ${api.approvalKind})` : ""}`
      : api.call === "agent-tool-resolve"
        ? 'callGatewayTool("exec.approval.resolve")'
        : 'callGatewayTool("exec.approval.request") then ("exec.approval.waitDecision")';
  return `${call}; ${routeText(spec.route)}${spec.home === "unshared" ? "; OPENCLAW_HOME of its own, not the gateway's" : ""}`;
}

function routeText(route: GatewayRoute): string {
  switch (route) {
    case "local-config":
      return "gateway.mode=local, gateway.port=<tap local door>, no URL override";
    case "env-url":
      return "OPENCLAW_GATEWAY_URL=<tap env door> and OPENCLAW_GATEWAY_TOKEN set";
    case "config-remote-url":
      return "gateway.mode=remote, gateway.remote.url=<tap remote door> on loopback";
    case "fallback-local":
      return "gateway.mode=remote without gateway.remote.url, gateway.port=<tap local door>";
    case "explicit-url":
      return "the call's own gatewayUrl argument = <tap> on loopback";
  }
}

/** The client reaches the gateway from a network namespace of its own at some point (and so needs a LAN bind). Pure. */
export function needsNetworkNamespace(client: ClientSpec): boolean {
  if (client.kind === "compose-sidecar") return false;
  return client.network === "netns" || (client.kind === "wire-probe" && client.device === "paired-remotely");
}

/** The environment that gives the runtime process an OPENCLAW_HOME of its own instead of the gateway's. Pure. */
export function runtimeHomeEnv(home: RuntimeClientSpec["home"], unsharedHome: string): Record<string, string> {
  return home === "unshared" ? homeEnv(unsharedHome) : {};
}
