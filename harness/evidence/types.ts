/**
 * The evidence document: the one typed, versioned source of truth of a run.
 * Every other output (terminal, Markdown, CTRF, job summary) is rendered from it.
 * Its JSON Schema is published at harness/evidence/report.schema.json and checked before writing.
 */

export const REPORT_SCHEMA_VERSION = 1 as const;

export type RunStatus = "passed" | "failed" | "aborted";
export type ScenarioStatus = "passed" | "failed" | "skipped" | "not-run";
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
  comparison: ComparisonRow[] | null;
  preflight: PreflightResult[] | null;
  hygiene: HygieneCheck[];
  logs: string[]; // paths relative to the report folder
  /** Set when the secret scan found a secret: this report and the files named were redacted before they were kept. */
  quarantine: Quarantine | null;
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
  gitCommit: string | null;
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
  readyMs: number | null;
  readyAttempts: number;
  peakRssBytes: number | null;
  exit: ProcessExit | null;
  stopMs: number | null;
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
  deciding: string;
  durationMs: number | null;
  findings: string[];
}

export interface ClientSetupRecord {
  client: string; // "openclaw-runtime" | "wire-probe"
  description: string;
  config: unknown; // secrets replaced by «redacted:<name>»
  env: Record<string, string>; // secrets replaced
  gatewayUrlArg: string | null;
  sandboxProfile: string;
}

export interface Observations {
  wire: WireConnection[];
  runtime: RuntimeOutcome | null;
  control: ControlObservation | null;
  requester: RequesterObservation | null;
  stateIdentity: StateIdentity | null;
  isolation: IsolationEvidence | null;
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
  approvalRuntimeToken: TokenObservation | null;
  deviceId: string | null;
  minProtocol: number | null;
  maxProtocol: number | null;
}

export interface RpcObservation {
  method: string;
  ok: boolean | null; // null: no answer seen
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
  openedAtMs: number; // relative to the tap's start
  connect: ConnectObservation | null;
  hello: { ok: boolean; errorCode: string | null; reason: string | null } | null;
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
  logTail: string;
}

export interface ControlObservation {
  pendingAfterRuntime: boolean;
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

export interface ComparisonRow {
  scenario: string;
  expectation: string;
  base: "pass" | "fail" | "n/a";
  head: "pass" | "fail" | "n/a";
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
  id: "processes" | "files" | "ports" | "network" | "secrets";
  pass: boolean;
  detail: string;
  offenders: string[];
}
