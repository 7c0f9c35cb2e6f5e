/**
 * What a scenario file declares: its claim, how its client is configured, and what must be observed.
 * Pure data. Scenario files import only these types.
 */

/** How the approval-runtime client finds the gateway: each is one `urlSource` in OpenClaw's client. */
export type GatewayRoute =
  | "local-config" // gateway.mode local, gateway.port = the tap: urlSource "local loopback"
  | "env-url" // OPENCLAW_GATEWAY_URL + OPENCLAW_GATEWAY_TOKEN = the tap: "env OPENCLAW_GATEWAY_URL"
  | "config-remote-url" // gateway.mode remote, gateway.remote.url = the tap: "config gateway.remote.url"
  | "fallback-local"; // gateway.mode remote, no remote.url, gateway.port = the tap: "missing gateway.remote.url (fallback local)"

/** The separate approval-runtime OS process running OpenClaw's own `resolveApprovalOverGateway`. */
export interface RuntimeClientSpec {
  kind: "openclaw-runtime";
  route: GatewayRoute;
  isolation?: IsolationSpec;
  /** netns: the process (and its tap) run in a network namespace of their own, joined to the host by veth. */
  network?: "netns";
  /**
   * shared (default): the gateway's OPENCLAW_HOME. unshared: an empty OPENCLAW_HOME of its own, so the process holds
   * no copy of the gateway's socket token (a negative control on the same gateway).
   */
  home?: "shared" | "unshared";
}

export interface IsolationSpec {
  /** New namespaces for the runtime process (via unshare); net is never new here: the peer stays loopback. */
  namespaces: Array<"mount" | "pid" | "uts" | "ipc">;
  /** Run as a different unprivileged uid/gid that shares a group with the sandbox. */
  otherUser: boolean;
}

/** Which token a wire probe presents as auth.approvalRuntimeToken. */
export type ProbeToken = "derived" | "forged-key" | "raw-socket-token" | "foreign-home" | "none";

/** The harness's own wire client presenting a chosen connect shape: tests the server, not OpenClaw's client. */
export interface WireProbeSpec {
  kind: "wire-probe";
  token: ProbeToken;
  clientId: string;
  clientMode: string;
  scopes: string[];
}

export type ClientSpec = RuntimeClientSpec | WireProbeSpec;

/** The sandbox a scenario needs; scenarios with the same profile share one gateway. */
export type SandboxProfile = "shared-socket-token" | "no-socket-token" | "lan-bind";

export type Expectation =
  | { id: "runtime-token"; expect: "derived" | "absent" | "not-derived" }
  | { id: "device-identity"; expect: "absent" | "state-identity" }
  | { id: "resolve"; expect: "succeeded" | "refused" }
  | { id: "still-pending"; expect: boolean }
  | { id: "requester-decision"; expect: "allow-once" | "never-allow" }
  | { id: "isolation"; expect: IsolationExpectation }
  /** The address the gateway saw the runtime's connection come from. */
  | { id: "gateway-peer"; expect: "loopback" | "non-loopback" }
  /** The runtime process's own log must show this failure (a regular expression, matched on the redacted tail). */
  | { id: "runtime-log"; expect: { pattern: string; meaning: string } };

export interface IsolationExpectation {
  differ: Array<"mnt" | "pid" | "uts" | "ipc" | "uid">;
  same: Array<"net">;
  privateTmp: boolean;
}

export type ExpectationId = Expectation["id"];

export interface ScenarioDefinition {
  id: string;
  /** One sentence: what this scenario proves. */
  claim: string;
  /** core: the default smoke set; control/probe/isolation: opt-in groups. */
  group: "core" | "control" | "probe" | "isolation";
  sandbox: SandboxProfile;
  client: ClientSpec;
  /** The decision the runtime (or probe) tries to resolve the approval with. */
  decision: "allow-once";
  expectations: Expectation[];
  /** A finding for OpenClaw, recorded in the report when every expectation holds (the behaviour was observed). */
  findingWhenObserved?: string;
}
