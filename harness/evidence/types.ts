/**
 * The evidence document: the one typed, versioned source of truth of a run.
 * Every other output (terminal, Markdown, CTRF, job summary) is rendered from it.
 * Its JSON Schema is published at harness/evidence/report.schema.json and checked before writing.
 */

export const REPORT_SCHEMA_VERSION = 2 as const;

export type RunStatus = "passed" | "failed" | "aborted";
export type ScenarioStatus = "passed" | "failed" | "skipped" | "not-run" | "not-applicable";
export type TargetRole = "single" | "base" | "head";
export type TargetKind = "registry" | "source" | "installed" | "tarball";

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  runId: string;
  command: string; // the exact command line that reproduces the run
  mode: "smoke" | "proof";
  status: RunStatus;
  abortReason: string | null;
  harness: { name: string; version: string };
  host: HostInfo;
  startedAt: string;
  finishedAt: string;
  timings: { totalMs: number };
  /** Peak resident set of the harness process itself (process.resourceUsage().maxRSS) when the report was written. */
  resources: { harnessPeakRssBytes: number };
  targets: TargetRun[];
  /** Catalog scenarios this run did not select (id and group): what the proof leaves untested by choice. */
  notSelected: Array<{ id: string; group: string }>;
  /**
   * The build the upgrade scenarios' homes were made by (the base role; the target is the head), where the run had
   * any: a smoke's --upgrade-from, a proof's base. Absent otherwise.
   */
  upgradeBase?: TargetInfo;
  comparison: ComparisonRow[] | null;
  preflight: PreflightResult[] | null;
  hygiene: HygieneCheck[];
  /** The change under test, as scenarios/changes.ts declares it: the fix and the problem it solves (authored prose). */
  change: { fix: string; problem: string };
  logs: string[]; // paths relative to the report folder
  /** Set when the secret scan found a secret: this report and the files named were redacted before they were kept. */
  quarantine: Quarantine | null;
  /** `--strength`: how many broken variants of the fix (scenarios/mutants/) this run's scenarios catch. */
  strength?: StrengthReport;
}

/** A strength run (harness/strength/): the mutant catalog applied to the tested build, each judged by its catchers. */
export interface StrengthReport {
  /** The build the mutants were applied to (the proof's head, or the smoke's target): its spec and version. */
  target: { spec: string; version: string };
  mutants: MutantRecord[];
  score: StrengthScore;
  /** `--strength-break N`: the lowest score that passes (per cent), or null without it. */
  break: number | null;
  /** Expectations a mutant was meant to break that no mutant broke: findings about the proof itself. */
  unfailed: UnfailedExpectation[];
  /** The gateways the strength run started (the unmutated head's for runtime mutants, one per gateway mutant). */
  gateways: GatewayRecord[];
  /** Copies of the build made (hard links), and whether any had to be copied byte for byte. */
  builds: { made: number; files: number; copied: number; removed: boolean };
  wallMs: number;
}

export type MutantStatus = "killed" | "survived" | "not-applicable" | "timeout";

export interface MutantRecord {
  id: string;
  reverts: string;
  loadedBy: "runtime" | "gateway";
  status: MutantStatus;
  /** One line: what killed it, why it survived, or each locator's count. */
  reason: string;
  /** The locator that applied (1-based) and the file under dist/, or null. */
  applied: { locator: number; file: string } | null;
  /** How often each locator matched, in order, until one matched exactly once. */
  counts: Array<{ locator: number; matches: number }>;
  scenarios: MutantScenario[];
}

export interface MutantScenario {
  id: string;
  /** not-selected: the run's scenario set leaves it out, so it could not catch the mutant. */
  status: ScenarioStatus | "not-selected";
  /** The expectations the mutant is meant to break here (scenarios/mutants/). */
  meant: string[];
  /** The expectations that failed under the mutant. */
  failed: string[];
  deciding: string;
  /** Its runtime process was killed at the runtime timeout. */
  timedOut: boolean;
  /** Its result on the unmutated build: a failure under the mutant counts only where this passed. */
  baseline: ScenarioStatus;
}

/** Stryker's score: detected (killed + timeout) ÷ (detected + survived); not-applicable counts in neither. */
export interface StrengthScore {
  killed: number;
  timeout: number;
  survived: number;
  notApplicable: number;
  /** Rounded down to one decimal; null when no mutant applied. */
  percent: number | null;
}

export interface UnfailedExpectation {
  scenario: string;
  expectation: string;
  /** The mutants that were meant to break it and ran it. */
  mutants: string[];
}

export interface HostInfo {
  os: string;
  release: string;
  arch: string;
  cpus: number;
  memoryBytes: number;
  harnessNode: string;
}

export interface TargetInfo {
  spec: string;
  kind: TargetKind;
  version: string;
  path: string;
  integrity: string | null;
  tarballSha256: string | null;
  /** A source checkout's HEAD (40 hex), null for other kinds. */
  gitCommit: string | null;
  /** Whether that checkout had uncommitted changes when the run started (null without a commit): a PR is judged at its exact head. */
  gitDirty: boolean | null;
  nodeVersion: string;
}

export interface TargetRun {
  role: TargetRole;
  target: TargetInfo;
  gateways: GatewayRecord[];
  timings: { provisionMs: number; gatewayReadyMs: number | null; totalMs: number };
  scenarios: ScenarioResult[];
}

export interface GatewayRecord {
  sandboxProfile: string;
  /** The build this gateway ran, where a scenario spans two (an upgrade): its role and version. */
  build?: { role: "base" | "head"; version: string };
  readyMs: number | null;
  readyAttempts: number;
  peakRssBytes: number | null;
  exit: ProcessExit | null;
  stopMs: number | null;
  logFile: string;
  /** Set when the harness ran the build's own migration before this gateway started (builds that need it). */
  stateMigration?: StateMigrationRecord;
}

/** The build's own `openclaw doctor --fix`, run in the sandbox so that it takes in the legacy exec-approvals.json. */
export interface StateMigrationRecord {
  command: string;
  /** What in the build called for it. */
  reason: string;
  exitCode: number | null;
  durationMs: number;
  logFile: string;
}

export interface ProcessExit {
  code: number | null;
  signal: string | null;
  by: "harness" | "self" | "unknown";
}

export interface ScenarioResult {
  id: string;
  claim: string;
  status: ScenarioStatus;
  skipReason: string | null;
  setup: ClientSetupRecord;
  observations: Observations;
  expectations: ExpectationResult[];
  /** Every refusal seen in this scenario, each attributed to the gateway check that made it (judge/refusal.ts). */
  refusals: Refusal[];
  deciding: string;
  durationMs: number | null;
  findings: string[];
  /** The declared OpenClaw defect this scenario showed (its runtime failed as the scenario's knownFinding says). */
  knownFinding?: KnownFindingRecord;
  /** A lifecycle scenario's steps, each with its own observations and verdicts (its expectations above are theirs, prefixed). */
  steps?: StepRecord[];
}

/** One step of a lifecycle scenario (plan/lifecycle-types.ts): what it observed and how it was judged. */
export interface StepRecord {
  /** 1-based, in the scenario's order. */
  index: number;
  do: "resolve" | "restart-gateway" | "rotate-socket-token" | "stop-gateway" | "start-gateway" | "upgrade-gateway";
  by: "runtime" | "held-runtime" | "held-token" | null;
  /**
   * The builds the step ran on, where a scenario spans two (the upgrade group): the gateway's after the step, and a
   * resolve step's runtime process's. Absent on a scenario that runs the build under test only.
   */
  builds?: StepBuilds;
  durationMs: number;
  /** A resolve step's own observations (its connections, the runtime process, the requester, the control client). */
  observations: Observations | null;
  /** What a gateway or store step changed, read before and after it. */
  facts: StepFacts | null;
  expectations: ExpectationResult[];
  refusals: Refusal[];
  deciding: string;
  /** Why the step could not complete (redacted), or null. */
  error: string | null;
}

export interface StepBuilds {
  gateway: BuildUse | null;
  /** null: the step ran no OpenClaw client (a held token is the harness's own). */
  client: BuildUse | null;
  /** exec-approvals.json was in the home when the step began (a JSON-era store, or a legacy file left or written). */
  homeFile?: boolean;
}

/** One build by its role in the run, and whether it derives the runtime token from the socket token (#87105). */
export interface BuildUse {
  role: "base" | "head";
  version: string;
  derivesToken: boolean;
  /** Where the build keeps exec approvals: exec-approvals.json (the JSON era), or its state database (2026.8 on). */
  approvalsStore: "file" | "database";
}

export interface StepFacts {
  /** The process listening on the gateway's port before and after the step, as /proc says (null: nothing listens). */
  gatewayPidBefore: number | null;
  gatewayPidAfter: number | null;
  socketTokenBefore: SocketTokenStore | null;
  socketTokenAfter: SocketTokenStore | null;
}

/** A defect of OpenClaw observed in this run, with the smallest command that reproduces it. */
export interface KnownFindingRecord {
  title: string;
  reproduce: string;
  source: string[];
  /** What the runtime process failed with (redacted, one line). */
  observed: string;
}

/**
 * The gateway check behind a refusal, derived from what the gateway answered (never from what the harness meant):
 * - handshake-rejected: the connect itself got ok:false (and a close);
 * - scopes-cleared: a scope the connect asked for is missing from hello-ok's granted scopes of a connection without
 *   device identity, and the RPC failed for that missing scope (clearUnboundScopes for a deviceless, non-local peer);
 * - scope-not-requested: the RPC failed for a scope the connect never asked for;
 * - no-runtime-authority: APPROVAL_NOT_FOUND for this scenario's approval while the admin client still lists it as
 *   pending (neither the requester nor the trusted approval runtime: isTrustedApprovalRuntime did not hold);
 * - approval-gone: APPROVAL_NOT_FOUND and the approval is really gone;
 * - client-before-connect: no connection reached the gateway; the client gave up on its own;
 * - unattributed: any other answer (its code and reason are kept).
 */
export type RefusalCheck = "handshake-rejected" | "scopes-cleared" | "scope-not-requested" | "no-runtime-authority" | "approval-gone" | "client-before-connect" | "unattributed";

export interface Refusal {
  /** connect, an RPC method, or "client" when nothing reached the gateway. */
  at: string;
  /** The wire connection (its index) the refusal was answered on; null for "client". */
  connection: number | null;
  refusedBy: RefusalCheck;
  /** The observations the attribution rests on, in one line. */
  basis: string;
}

export interface ClientSetupRecord {
  client: string; // "openclaw-runtime" | "wire-probe"
  description: string;
  config: unknown; // secrets replaced by «redacted:<name>»
  env: Record<string, string>; // secrets replaced
  gatewayUrlArg: string | null;
  sandboxProfile: string;
  /**
   * What each tap door means for this set-up: a door (listener) and the Host it was dialed by → the urlSource that
   * would dial it. The URL source a client used is then observed from where its connection arrived (wire.door/host).
   */
  doors: DoorRoute[];
}

export interface DoorRoute {
  door: string;
  /** The Host header that identifies the URL (host:port), or null for any. */
  host: string | null;
  urlSource: string;
}

export interface Observations {
  wire: WireConnection[];
  /** Where a socket token could live, read before and after the runtime process ran (no-shared-token-created). */
  socketTokenStore: { before: SocketTokenStore; after: SocketTokenStore } | null;
  runtime: RuntimeOutcome | null;
  control: ControlObservation | null;
  requester: RequesterObservation | null;
  stateIdentity: StateIdentity | null;
  isolation: IsolationEvidence | null;
  /** The Compose lane's containers (null for the process executor). */
  compose: ComposeEvidence | null;
}

/** How a Compose topology ran: its compose.yaml, the image, the network, and how long the gateway container took. */
export interface ComposeEvidence {
  topology: string;
  /** The topology's compose.yaml as a reviewer runs it with the official image (relative to the report folder). */
  composeFile: string;
  /** The Compose the harness ran, with its version (`docker compose` v2 or `docker-compose` v1). */
  compose: string;
  engineVersion: string;
  image: ComposeImage;
  project: string;
  /** The project network's link-local subnet. */
  subnet: string;
  /** From `compose up` until every container ran. */
  upMs: number | null;
  /** From `compose up` until the gateway container answered a token connect with hello-ok. */
  gatewayReadyMs: number | null;
  /** An attempt made before the scenario's runtime (a first route tried in the same topology). */
  firstAttempt: ComposeAttempt | null;
  /** official-cli: OpenClaw's own layout as the build under test documents it (compose/official-layout.ts); else null. */
  layout: ComposeLayoutEvidence | null;
  /** A release bump (the upgrade group): the project before it, and what the bump changed. Absent otherwise. */
  bump?: ComposeBumpEvidence;
}

/** A Compose project's release bump: the base build's project, the tag moved, `docker compose up -d` on the same state. */
export interface ComposeBumpEvidence {
  /** The services whose image moved to the head (the rest stay on the base). */
  services: string[];
  images: { base: ComposeImage; head: ComposeImage };
  /** The CLI's resolve before the bump, on the base build's gateway (not judged: what that build decides). */
  before: { builds: StepBuilds; runtime: RuntimeOutcome | null; finalDecision: string | null; connections: number };
  /** The state's socket tokens before and after the bump (fingerprints, and where they live). */
  socketToken: { before: SocketTokenStore | null; after: SocketTokenStore | null };
  /** From `compose up -d` of the bump until the recreated gateway answered hello-ok. */
  upMs: number | null;
  gatewayReadyMs: number | null;
  /** The builds the resolve after the bump ran on (its expectations are judged on them). */
  after: StepBuilds;
}

/** OpenClaw's Compose layout as a build's shipped docs state it. */
export interface ComposeLayoutEvidence {
  /** The document it was read from (under the package), or null: no document states one (the layout before openclaw/openclaw#5559). */
  document: string | null;
  /** The paragraph that states it, as written there. */
  quote: string | null;
  /** openclaw-cli runs with network_mode service:openclaw-gateway (reaches the gateway over 127.0.0.1). */
  sharesNetns: boolean;
  /** Capabilities dropped on both services. */
  capDrop: string[];
  /** no-new-privileges on both services. */
  noNewPrivileges: boolean;
}

export interface ComposeImage {
  tag: string;
  id: string;
  /** Reused from an earlier run (no build in this one). */
  cached: boolean;
  /** How long building it took in this run, null when cached. */
  buildMs: number | null;
}

export interface ComposeAttempt {
  route: string;
  runtime: RuntimeOutcome;
  /** Connections that reached the tap while this attempt ran. */
  connections: number;
}

export interface SocketTokenStore {
  /** exec-approvals.json exists in the state dir. */
  execApprovalsFile: boolean;
  /** Where a socket token lives: exec-approvals.json (the JSON era), the state database (2026.8 on), or both. */
  locations?: Array<"file" | "database">;
  /** exec-approvals.json's permission bits (e.g. "600"), where the file exists. */
  fileMode?: string;
  /** Socket tokens found in the file and the state database, as short sha256 fingerprints (never the value). */
  tokenFingerprints: string[];
  /** The approval-runtime token each of them derives (#87105's HMAC), fingerprinted the way a connect's token is. */
  derivedFingerprints: string[];
  /** Stores that exist but could not be read (the file, the database), with why: no reading, no verdict. */
  unreadable: string[];
}

export interface TokenObservation {
  length: number;
  fingerprint: string;
  equalsDerived: boolean;
}

export interface ConnectObservation {
  clientId: string | null;
  clientMode: string | null;
  role: string | null;
  scopes: string[];
  caps: string[];
  authFields: string[];
  /** null only when the field is absent from the frame; a present but malformed value is listed in `malformed`. */
  approvalRuntimeToken: TokenObservation | null;
  deviceId: string | null;
  /** Auth or device fields that are in the frame but malformed (empty, wrong type, device without a string id). */
  malformed: string[];
  minProtocol: number | null;
  maxProtocol: number | null;
}

export interface RpcObservation {
  method: string;
  /** params.id of an approval RPC (approval ids are no secret), else null. */
  approvalId: string | null;
  ok: boolean | null; // null: no answer seen
  /** payload.applied of an ok answer where the gateway says it (approval.resolve): false means nothing was decided. */
  applied: boolean | null;
  errorCode: string | null;
  reason: string | null;
  message: string | null;
  sentAtMs: number; // relative to the tap's start
  answeredAtMs: number | null;
}

export interface WireConnection {
  index: number;
  peer: string;
  /** The address the tap dialed the gateway from: what the gateway saw as this connection's peer. */
  upstreamLocalAddress: string | null;
  /** Which of the tap's listeners the client dialed, and the Host header it sent: which URL it used. */
  door: string;
  host: string | null;
  openedAtMs: number; // relative to the tap's start
  connect: ConnectObservation | null;
  /** grantedScopes: hello-ok's auth.scopes (what the gateway granted), null when absent or refused. */
  hello: { ok: boolean; errorCode: string | null; reason: string | null; message: string | null; grantedScopes: string[] | null } | null;
  rpcs: RpcObservation[];
  close: { by: "client" | "gateway" | "tap"; code: number | null; reason: string; atMs: number } | null;
}

export interface RuntimeOutcome {
  pid: number | null;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  wallMs: number;
  ok: boolean | null; // null when no outcome line was printed
  errorName: string | null;
  errorMessage: string | null;
  errorCode: string | null;
  errorReason: string | null;
  /** What OpenClaw's call returned, where the scenario reads it: the decision a wait returned, the id a request made. */
  returned: { decision: string | null; approvalId: string | null } | null;
  logTail: string;
  /**
   * The approval-runtime token derivations OpenClaw's client computed in this process (node:crypto's createHmac over
   * the derivation's context label, traced in the child): its own token choice, seen even when it never connected.
   * Absent when the process reported no trace.
   */
  tokenDerivation?: TokenDerivation;
}

export interface TokenDerivation {
  /** How many derivations the client computed. */
  count: number;
  /** One of them equals this home's derivation (compared by fingerprint; no token value leaves the child). */
  equalsDerived: boolean;
}

export interface ControlObservation {
  pendingAfterRuntime: boolean;
  /**
   * Whether a stranger (a fresh device with operator.approvals, no admin scope, no runtime token) lists the approval:
   * a requester-bound approval is visible only to its requesting device. null when not checked.
   */
  strangerSees: boolean | null;
  settledWith: string | null;
  settleError: string | null;
}

export interface RequesterObservation {
  approvalId: string | null;
  deviceId: string;
  accepted: boolean;
  requestError: string | null;
  finalDecision: string | null; // the decision the requester finally received
  finalSource: "runtime" | "control-settle" | "none";
  /**
   * The request dialect the harness fell back to because this build's gateway rejected the current one (what was
   * dropped, the gateway's answer, what replaced it), or null when the build took the current request as it is.
   */
  dialect: string | null;
}

export interface StateIdentity {
  source: "sqlite" | "file" | "absent";
  deviceId: string | null;
}

export interface IsolationEvidence {
  gateway: ProcessNamespaces;
  runtime: ProcessNamespaces | null;
  hostTmpMarkerVisible: boolean | null;
  filesNeeded: string[];
}

export interface ProcessNamespaces {
  ns: Record<string, string>;
  uid: number | null;
  gid: number | null;
  hostname: string | null;
}

export interface ExpectationResult {
  id: string;
  description: string;
  expected: string;
  observed: string;
  pass: boolean;
}

export type PairClass = "FAIL_TO_PASS" | "PASS_TO_PASS" | "PASS_TO_FAIL" | "FAIL_TO_FAIL" | "INCOMPLETE";

/** n/a: did not run (or has no such expectation); not-applicable: the build lacks what the scenario needs. */
export type ComparisonVerdict = "pass" | "fail" | "n/a" | "not-applicable";

export interface ComparisonRow {
  scenario: string;
  /** "*" when the scenario ran on neither end, so it has no expectation results. */
  expectation: string;
  base: ComparisonVerdict;
  head: ComparisonVerdict;
  class: PairClass;
  declared: PairClass | null;
  holds: boolean;
}

export interface PreflightResult {
  end: "base" | "head";
  expected: string;
  ok: boolean;
  detail: string;
}

export interface Quarantine {
  reason: string;
  files: QuarantinedFile[];
}

export interface QuarantinedFile {
  file: string; // relative to the report folder
  secrets: string[]; // names only, never a value
  action: "redacted" | "removed";
}

export interface HygieneCheck {
  /** "reaped": the start-of-run sweep of what dead runs left (hygiene/reap.ts); the others check this run's own end. */
  /** "builds": a strength run's mutant copies of the build are gone. */
  id: "processes" | "files" | "ports" | "network" | "secrets" | "docker" | "reaped" | "builds";
  pass: boolean;
  detail: string;
  offenders: string[];
  /** "reaped" only: each removed leftover of a dead run, with why it counted as dead. */
  reaped?: string[];
  /** "reaped" only: what was found and left alone (no whole owner marker, another user's, an owner not judged here). */
  leftAlone?: string[];
}
