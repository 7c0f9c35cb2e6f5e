/**
 * What a scenario file declares: its claim, how its client is configured, and what must be observed.
 * Pure data. Scenario files import only these types.
 */

/** How the approval-runtime client finds the gateway: each is one `urlSource` in OpenClaw's client. */
export type GatewayRoute =
  | "local-config" // gateway.mode local, gateway.port = the tap: urlSource "local loopback"
  | "env-url" // OPENCLAW_GATEWAY_URL + OPENCLAW_GATEWAY_TOKEN = the tap: "env OPENCLAW_GATEWAY_URL"
  | "config-remote-url" // gateway.mode remote, gateway.remote.url = the tap: "config gateway.remote.url"
  | "fallback-local" // gateway.mode remote, no remote.url, gateway.port = the tap: "missing gateway.remote.url (fallback local)"
  | "explicit-url"; // the call's own gatewayUrl argument = the tap: "cli --url" (the agent tool: an allowed loopback override)

/** Which of OpenClaw's public client functions the runtime process calls. */
export type RuntimeApi =
  /** `resolveApprovalOverGateway` (openclaw/plugin-sdk/approval-gateway-runtime); approvalKind when set. */
  | { call: "resolve-over-gateway"; approvalKind?: "exec" | "plugin" }
  /** The agent gateway tool `callGatewayTool("exec.approval.resolve", …)` (openclaw/plugin-sdk/agent-harness-runtime). */
  | { call: "agent-tool-resolve" }
  /** The agent gateway tool as a requester: `exec.approval.request`, then `exec.approval.waitDecision` on it. */
  | { call: "agent-tool-request-wait" };

/** The separate approval-runtime OS process running OpenClaw's own `resolveApprovalOverGateway`. */
export interface RuntimeClientSpec {
  kind: "openclaw-runtime";
  route: GatewayRoute;
  /** Default: resolve-over-gateway without approvalKind. */
  api?: RuntimeApi;
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
  /** With otherUser: share the home with that user's group first, as a user shares a volume (default true). */
  shareHome?: boolean;
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
  /**
   * local: a fresh device, presented from loopback (the gateway pairs a local device itself, or asks for approval);
   * paired-remotely: a fresh device paired through the gateway's own pairing methods: a connect from a network
   * namespace of its own creates the request, the admin approves it with device.pair.approve (needs a LAN bind).
   */
  device?: "local" | "paired-remotely";
  /** netns: the probe (and its tap) run in a network namespace of their own, joined to the host by veth. */
  network?: "netns";
}

/**
 * The Compose lane's topologies (harness/compose/topology.ts writes each one's compose.yaml):
 * official-cli: OpenClaw's own two services as the build's docs state them (compose/official-layout.ts): the CLI in the
 * gateway's network namespace, both hardened, a bind-mounted config dir (on a build whose docs state none: the CLI
 * on the project network, as before openclaw/openclaw#5559);
 * shared-netns: a sidecar with network_mode service:gateway; bridge-url: a sidecar on the project network dialing the
 * gateway by service name; other-uid: shared netns, the sidecar under another uid; readonly-volume: shared netns,
 * the state volume mounted :ro in the sidecar.
 */
export type ComposeTopology = "official-cli" | "shared-netns" | "bridge-url" | "other-uid" | "readonly-volume";

/** OpenClaw's own runtime client (resolveApprovalOverGateway) in a sidecar container, under Docker Compose. */
export interface ComposeClientSpec {
  kind: "compose-sidecar";
  topology: ComposeTopology;
  /**
   * How the sidecar finds the gateway: local-config (the generated local URL), or env-url (OPENCLAW_GATEWAY_URL = the
   * gateway's service name). A first attempt, when set, runs before it in the same topology.
   */
  route: "local-config" | "env-url";
  firstAttempt?: "local-config";
  /**
   * A release bump in the project (the upgrade group): it starts on the base build's image, its CLI resolves once as
   * that build decides, then the tag moves to the head for the gateway (gateway-only: a CLI image that lags) or for
   * both, and `docker compose up -d` recreates the bumped services on the same state; the scenario's expectations
   * judge the CLI's resolve after that.
   */
  bump?: "gateway-and-cli" | "gateway-only";
}

export type ClientSpec = RuntimeClientSpec | WireProbeSpec | ComposeClientSpec;

/** The sandbox a scenario needs; scenarios with the same profile share one gateway. */
/**
 * shared-socket-token: the default home; no-socket-token: no exec-approvals.json; lan-bind: the gateway also listens
 * beyond loopback; owner-only: like the default, but its own gateway, so no other scenario shares its home with
 * another user's group first.
 */
export type SandboxProfile = "shared-socket-token" | "no-socket-token" | "lan-bind" | "owner-only" | "compose" | "lifecycle";

/*
 * A sidecar's life as data: a lifecycle scenario (sandbox "lifecycle") is a list of steps against one gateway of its
 * own, whose home outlives the gateway's restarts. Each resolve step is judged with the scenario vocabulary
 * (Expectation) on that step's own observations; the other steps state facts of the gateway and the socket-token store.
 */
/** What a step that is not a resolve can state: whether the store's socket token changed, whether the gateway's PID did. */
export type StepFact =
  | { id: "socket-token"; expect: "kept" | "changed" }
  | { id: "gateway-pid"; expect: "same" | "new" }
  /** Where the socket token lives after the step: only in exec-approvals.json, or only in the state database. */
  | { id: "socket-token-location"; expect: "file" | "database" };

/**
 * A build by its role in the run, so that one scenario runs under `proof`, `matrix` and any pair of builds: head is
 * the build under test (the target), base the build an upgrade starts from (the proof's base, or smoke's --from). In
 * a proof's base run both roles are the base build: an upgrade there is a bump to a build without the fix.
 */
export type BuildRole = "base" | "head";

export type LifecycleStep =
  /**
   * The requester asks for a fresh approval, then it is resolved: by a new approval-runtime process on the scenario's
   * route (it derives the token from the store as it is now), by one long-lived runtime process that every
   * held-runtime step of the scenario shares (a sidecar across the gateway's restarts), or by the harness's wire client
   * presenting the token derived before the last rotation (a process that still holds the old derivation).
   */
  | {
      do: "resolve";
      by: "runtime" | "held-runtime" | "held-token";
      /** The build the runtime process loads (a sidecar on another release than its gateway); default head. */
      build?: BuildRole;
      expectations: Expectation[];
    }
  /**
   * stop-start (default): stop the gateway (SIGTERM to its tree) and start a new one on the same home and port;
   * in-place: the build's own restart signal (target/restart-signal.ts), the same process, until a new hello-ok.
   */
  | { do: "restart-gateway"; how?: "stop-start" | "in-place"; facts: StepFact[] }
  /**
   * Replace the socket token the way an operator can: the build's own `openclaw approvals set --file` (default), or
   * by hand (`edit-file`): exec-approvals.json written in place with a new token, as people edit files, at `mode`
   * (default 0600; 0644 leaves it world-readable).
   */
  | { do: "rotate-socket-token"; how?: "approvals-set" | "edit-file"; mode?: "0600" | "0644"; facts: StepFact[] }
  /** Stop the gateway and leave it stopped (a sidecar that starts first sees nothing listening). */
  | { do: "stop-gateway" }
  /** Start the gateway again on the same home and port. */
  | { do: "start-gateway"; facts: StepFact[] }
  /**
   * A release bump on the live home: stop the gateway, then start the other build on the same home and port, where any
   * migration of the home happens (as at a user's `docker compose up -d`). A build that imports the legacy
   * exec-approvals.json only through doctor gets `openclaw doctor --fix` first, recorded as the manual step it is.
   */
  | { do: "upgrade-gateway"; to: BuildRole; facts: StepFact[] };


/** The gateway checks a refusal can be attributed to (see RefusalCheck in evidence/types.ts). */
export type { RefusalCheck } from "../evidence/types.ts";
import type { RefusalCheck } from "../evidence/types.ts";

/** What a build must have for a scenario to apply; without it the scenario is not applicable (never passed). */
export type BuildRequirement =
  | { export: string } // a package export subpath, e.g. "./plugin-sdk/agent-harness-runtime"
  | { method: string } // a gateway RPC method, as hello-ok's features.methods lists it
  | { apiParam: { export: string; name: string } }; // a parameter name the export's code reads

export type Expectation =
  | { id: "runtime-token"; expect: "derived" | "absent" | "not-derived" }
  | { id: "device-identity"; expect: "absent" | "state-identity" }
  | { id: "resolve"; expect: "succeeded" }
  /** Refused, by this gateway check (a refusal by another check fails the expectation). */
  | { id: "resolve"; expect: "refused"; by: RefusalCheck }
  /** The URL source the client used, observed from which tap door (and Host) its connection arrived at. */
  | { id: "url-source"; expect: string }
  /** No connection reached the tap at all. */
  | { id: "connections"; expect: "none" }
  /** hello-ok granted this scope. */
  | { id: "granted-scopes"; expect: { includes: string } }
  /** The approval method the client actually sent (e.g. approval.resolve for a canonical kind). */
  | { id: "rpc-method"; expect: string }
  /**
   * The approval the runtime requested is bound to the state dir's stable identity: a stranger device does not see it,
   * while the runtime's wait, on a connection with that identity and no runtime token, is answered.
   */
  | { id: "requester-bound"; expect: "state-identity" }
  /** The runtime's wait returned the decision the admin control client made. */
  | { id: "wait-decision"; expect: "admin-decision" }
  /** No socket token exists after the runtime ran that was not there before. */
  | { id: "socket-token-store"; expect: "unchanged" }
  | { id: "still-pending"; expect: boolean }
  | { id: "requester-decision"; expect: "allow-once" | "never-allow" }
  | { id: "isolation"; expect: IsolationExpectation }
  /** The address the gateway saw the runtime's connection come from. */
  | { id: "gateway-peer"; expect: "loopback" | "non-loopback" }
  /** The Compose first attempt (the generated local URL from another container) reached no gateway: the client failed before any frame. */
  | { id: "first-attempt"; expect: "unreachable" }
  /**
   * Which approval-runtime token OpenClaw's client chose in the runtime process, whether or not a connection followed:
   * derived = it computed this home's derivation (HMAC over the derivation's context label, traced in that process),
   * none = it computed none. Reaches the client's own target classification even when it refuses before connecting.
   */
  | { id: "client-token-choice"; expect: "derived" | "none" }
  /** The runtime process's own log must show this failure (a regular expression, matched on the redacted tail). */
  | { id: "runtime-log"; expect: { pattern: string; meaning: string } }
  /**
   * A handoff across builds (judge/handoff-by-builds.ts), judged as one expectation: what the client does and what the
   * gateway decides follow from each build: whether it derives the token from the socket token
   * (target/token-derivation.ts) and where it keeps approvals (target/legacy-approvals.ts). Both deriving: the resolve
   * succeeds; a database-era client on a home a JSON-era gateway serves: it stops at its migration gate; else the
   * gateway refuses the client's own token (no-runtime-authority).
   */
  | { id: "handoff"; expect: "as-the-builds-derive" };

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
  /**
   * core: the default smoke set; claim: the PR's further claims (in the proof); control/probe/isolation: opt-in;
   * upgrade: a home that one build made, served by the other (proof --upgrade, or by id).
   */
  group: "core" | "claim" | "control" | "probe" | "isolation" | "compose" | "lifecycle" | "upgrade";
  sandbox: SandboxProfile;
  client: ClientSpec;
  /**
   * The approval the scenario's requester creates first: exec (default), plugin, or none when the runtime process is
   * itself the requester.
   */
  approval?: "exec" | "plugin" | "none";
  /** The positive control this scenario counts only with: it is added to the run and must pass on the same gateway. */
  control?: string;
  /** What a build must offer; on a build without it the scenario is not applicable. */
  requires?: BuildRequirement[];
  /** A lifecycle scenario's steps (sandbox "lifecycle"); its expectations are then the steps' own, and `expectations` stays empty. */
  steps?: LifecycleStep[];
  /**
   * A lifecycle scenario's gateway when its first step begins: running (default), or stopped (nothing listens; a
   * start-gateway step starts it). Stopped costs no gateway start, except on a build whose gateway is what imports the
   * home's exec-approvals.json (2026.9.x): there one gateway starts and stops first, as on a home that has run before,
   * because a runtime before any start meets the build's migration gate (ExecApprovalsMigrationRequiredError).
   */
  gatewayBeforeSteps?: "running" | "stopped";
  /** The build of a lifecycle scenario's first gateway, which makes the home (default head); upgrade-gateway changes it. */
  firstGateway?: BuildRole;
  /**
   * An upgrade scenario that holds only across the 2026.8 storage migration: the base keeps approvals in
   * exec-approvals.json, the head in its state database (target/legacy-approvals.ts). Elsewhere it is not applicable.
   */
  acrossStorageMigration?: boolean;
  /** The decision the runtime (or probe) tries to resolve the approval with. */
  decision: "allow-once";
  expectations: Expectation[];
  /** A finding for OpenClaw, recorded in the report when every expectation holds (the behaviour was observed). */
  findingWhenObserved?: string;
  /**
   * A defect of OpenClaw this scenario shows on every build (changes.ts declares those expectations FAIL_TO_FAIL):
   * carried into the report, proof.md and the matrix, with its reproduction, whenever the runtime fails as it says.
   */
  knownFinding?: KnownFinding;
  /**
   * Set by a strength plan (harness/strength/plan.ts), never by a scenario file: the key of the build this instance's
   * runtime processes load instead of the gateway's (a mutant's copy of it). See TargetRuntime.clientBuilds.
   */
  clientBuild?: string;
}

/** A defect of OpenClaw, written so that it can go upstream as it is. */
export interface KnownFinding {
  /** One sentence: what does not hold end to end. */
  title: string;
  /** Recorded only when the runtime process's error message matches this (a regular expression). */
  failsWith: string;
  /** The smallest command that reproduces it, on one line. */
  reproduce: string;
  /** Where in OpenClaw's source (file:line of the shipped build, and its source region) the behaviour comes from. */
  source: string[];
}
