import { homeEnv } from "../sandbox/layout.ts";
import type { GatewayRoute, RuntimeClientSpec } from "./scenario-types.ts";

/** What the approval-runtime process receives for one scenario. Pure data. */
export interface RuntimeInvocation {
  /** The OpenClaw config object passed as `cfg` to resolveApprovalOverGateway. */
  cfg: Record<string, unknown>;
  /** Extra environment on top of the sandbox's base env. */
  env: Record<string, string>;
  /** The `gatewayUrl` argument, when the route uses it. */
  gatewayUrl: string | null;
  /** The OpenClaw urlSource this set-up selects, as its client names it. */
  expectedUrlSource: string;
}

export interface ClientSetupContext {
  tapUrl: string;
  tapPort: number;
  gatewayToken: string;
  /** The sandbox's empty home for a client that must not share the gateway's (RuntimeClientSpec.home "unshared"). */
  unsharedHome: string;
}

type RuntimeHome = RuntimeClientSpec["home"];

/**
 * What the runtime process gets for its route (each route is one urlSource of OpenClaw's client, and every route
 * dials the scenario's tap) and its home (the gateway's, or one of its own). Pure.
 */
export function runtimeInvocation(route: GatewayRoute, ctx: ClientSetupContext, home: RuntimeHome = "shared"): RuntimeInvocation {
  const inv = routeInvocation(route, ctx);
  return { ...inv, env: { ...inv.env, ...runtimeHomeEnv(home, ctx.unsharedHome) } };
}

function routeInvocation(route: GatewayRoute, ctx: ClientSetupContext): RuntimeInvocation {
  const localAuth = { mode: "token", token: ctx.gatewayToken };
  switch (route) {
    case "local-config":
      return {
        cfg: { gateway: { mode: "local", port: ctx.tapPort, bind: "loopback", auth: localAuth } },
        env: {},
        gatewayUrl: null,
        expectedUrlSource: "local loopback",
      };
    case "env-url":
      return {
        // The config alone would also reach the tap, so a client that ignored the env URL would still be seen.
        cfg: { gateway: { mode: "local", port: ctx.tapPort, bind: "loopback", auth: localAuth } },
        env: { OPENCLAW_GATEWAY_URL: ctx.tapUrl, OPENCLAW_GATEWAY_TOKEN: ctx.gatewayToken },
        gatewayUrl: null,
        expectedUrlSource: "env OPENCLAW_GATEWAY_URL",
      };
    case "config-remote-url":
      return {
        cfg: { gateway: { mode: "remote", remote: { url: ctx.tapUrl, token: ctx.gatewayToken } } },
        env: {},
        gatewayUrl: null,
        expectedUrlSource: "config gateway.remote.url",
      };
    case "fallback-local":
      return {
        cfg: { gateway: { mode: "remote", port: ctx.tapPort, bind: "loopback", auth: localAuth } },
        env: {},
        gatewayUrl: null,
        expectedUrlSource: "missing gateway.remote.url (fallback local)",
      };
  }
}

/** One line for the report: how the client is configured, without secrets. Pure. */
export function describeRoute(route: GatewayRoute, home: RuntimeHome = "shared"): string {
  return `${routeText(route)}${home === "unshared" ? "; OPENCLAW_HOME of its own, not the gateway's" : ""}`;
}

function routeText(route: GatewayRoute): string {
  switch (route) {
    case "local-config":
      return "gateway.mode=local, gateway.port=<tap>, no URL override (urlSource: local loopback)";
    case "env-url":
      return "OPENCLAW_GATEWAY_URL=<tap> and OPENCLAW_GATEWAY_TOKEN set (urlSource: env OPENCLAW_GATEWAY_URL)";
    case "config-remote-url":
      return "gateway.mode=remote, gateway.remote.url=<tap> on loopback (urlSource: config gateway.remote.url)";
    case "fallback-local":
      return "gateway.mode=remote without gateway.remote.url, gateway.port=<tap> (urlSource: missing gateway.remote.url (fallback local))";
  }
}

/** The environment that gives the runtime process an OPENCLAW_HOME of its own instead of the gateway's. Pure. */
export function runtimeHomeEnv(home: RuntimeHome, unsharedHome: string): Record<string, string> {
  return home === "unshared" ? homeEnv(unsharedHome) : {};
}
