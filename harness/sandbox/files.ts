import type { SandboxProfile } from "../plan/scenario-types.ts";
import type { SandboxLayout } from "./layout.ts";

/** loopback everywhere, except the profile whose gateway must also accept a peer from a network namespace. Pure. */
export function gatewayBind(profile: SandboxProfile): "loopback" | "lan" {
  return profile === "lan-bind" ? "lan" : "loopback";
}

/**
 * The gateway config the sandbox starts with. Pure. Token auth; no update check and no Control UI: neither takes
 * part in how a client authenticates over the WebSocket, and the Control UI alone keeps a core busy for about 3.5 s
 * after ready hashing its assets, which every scenario of a short run would wait behind.
 */
export function gatewayConfig(layout: SandboxLayout, port: number, gatewayToken: string, profile: SandboxProfile = "shared-socket-token"): Record<string, unknown> {
  return {
    gateway: { mode: "local", port, bind: gatewayBind(profile), auth: { mode: "token", token: gatewayToken }, controlUi: { enabled: false } },
    logging: { file: layout.logFile },
    update: { checkOnStart: false },
  };
}

/**
 * The minimal config a bare `openclaw gateway run` works with (openclaw-facts §3): token auth on loopback, the log in
 * the sandbox, no update check; the Control UI left as the build has it. For the bench's bare-gateway floor. Pure.
 */
export function minimalGatewayConfig(layout: SandboxLayout, port: number, gatewayToken: string): Record<string, unknown> {
  return { gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token: gatewayToken } }, logging: { file: layout.logFile }, update: { checkOnStart: false } };
}

/**
 * The config of the runtime's own home (scenarios whose runtime shares nothing with the gateway): only where OpenClaw's
 * file logger writes. Without a config on disk the logger takes its default, /tmp/openclaw/openclaw-<date>.log, and
 * a warning (a slow SQLite transaction on a loaded machine) lands outside the sandbox. Pure.
 */
export function unsharedHomeConfig(layout: SandboxLayout): Record<string, unknown> {
  return { logging: { file: layout.logFile.replace(/[^/]+$/, "unshared-home.openclaw.log") } };
}

/** exec-approvals.json as OpenClaw writes it; null when the profile has no shared socket token. Pure. */
export function execApprovalsDocument(layout: SandboxLayout, profile: SandboxProfile, socketToken: string): Record<string, unknown> | null {
  if (profile === "no-socket-token") return null;
  return {
    version: 1,
    socket: { path: layout.socketPath, token: socketToken },
    defaults: { security: "allowlist", ask: "on-miss", askFallback: "deny", autoAllowSkills: false },
    agents: {},
  };
}
