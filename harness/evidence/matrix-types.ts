/**
 * The matrix evidence document (`matrix.json`): many single-version smokes and their classification. Every matrix
 * output (terminal table, matrix.md, CTRF) is rendered from it, whether the smokes ran here (`pnpm matrix`) or on
 * many CI runners (`pnpm matrix merge`). Its JSON Schema is published at harness/evidence/matrix.schema.json (which
 * refers to report.schema.json for the newest release's report) and checked before writing.
 */
import type { HostInfo, Report, ScenarioStatus } from "./types.ts";

export const MATRIX_SCHEMA_VERSION = 2 as const;

/**
 * One version's verdict, spelled as in the issue:
 * - fixed: every expectation holds (scenarios the build cannot run are named, not counted);
 * - shows-bug: the failures are exactly declared base symptoms (FAIL_TO_PASS in scenarios/changes.ts);
 * - other-failure: any other failed expectation (or a hygiene failure), named;
 * - not-applicable: the build lacks what the scenarios need, or its engines refuse the harness's Node;
 * - broken: the install or the gateway start failed (its log tail is kept).
 */
export type VersionClass = "fixed" | "shows-bug" | "other-failure" | "not-applicable" | "broken";

export interface MatrixDocument {
  schemaVersion: typeof MATRIX_SCHEMA_VERSION;
  runId: string;
  /** The command line that made this document. */
  command: string;
  /** local: the smokes ran in this process; merge: the document was built from reports made elsewhere. */
  source: "local" | "merge";
  harness: { name: string; version: string };
  host: HostInfo;
  startedAt: string;
  finishedAt: string;
  timings: { totalMs: number };
  versionList: VersionList;
  /** The columns: the scenarios of the run, in plan order. */
  scenarios: string[];
  /** The rows, semver-sorted. */
  versions: MatrixVersion[];
  summary: MatrixSummary;
  /** The target cache while the matrix ran (local runs only). */
  disk: DiskRecord | null;
  /** The newest release's report, whole: matrix.md renders its six-field proof block from it. */
  newest: Report | null;
  /**
   * An upgrade matrix (`matrix --upgrade-to`): the build every release's live home was upgraded to; each row is then a
   * path from that release, with its `upgrade`. Absent for a release matrix.
   */
  upgradeTo?: string;
}

/** One release's upgrade path to the matrix's target, read from its upgrade scenario's steps (matrix/upgrade-path.ts). */
export interface UpgradePath {
  /**
   * works: the handoff holds after the bump with no step but the bump; needs-manual-step: it holds once the step
   * the build asks for was taken (manualStep); breaks: the handoff after the bump failed; unknown: the scenario did
   * not get that far (not applicable, not run).
   */
  outcome: "works" | "needs-manual-step" | "breaks" | "unknown";
  /** The manual step the target needed on this home (the build's own `openclaw doctor --fix`), or null. */
  manualStep: string | null;
  /** The socket token after the bump was the one before (null: not observed). */
  socketTokenSurvived: boolean | null;
  /** Where the socket token lived before and after the bump (file, database). */
  locations: { before: string[]; after: string[] } | null;
  /** The handoff on the release itself, before the bump: resolved or refused (null: not observed). */
  before: "resolved" | "refused" | null;
  /** One line: why this outcome. */
  text: string;
}

export interface VersionList {
  /** registry: read once from the registry at the start of the run; reports: the versions of the merged reports. */
  source: "registry" | "reports";
  fetchedAt: string | null;
  /** Every version the registry listed, semver-sorted (empty for reports). */
  all: string[];
  prereleases: boolean;
  from: string | null;
  to: string | null;
  /** --versions as given, or null. */
  explicit: string[] | null;
  selected: string[];
}

export interface MatrixVersion {
  version: string;
  classification: VersionClass;
  /** One line: why this class. */
  reason: string;
  /** scenario/expectation (or hygiene/<check>) that failed, for shows-bug and other-failure. */
  failing: string[];
  /** Older request dialects the harness fell back to for this build (feature-detected from the gateway's answers). */
  dialects: string[];
  cells: MatrixCell[];
  /** Its report.json, relative to the matrix folder when inside it; null when no report exists (install failed). */
  report: string | null;
  runId: string | null;
  /** broken: the tail of the install's or the gateway's log (redacted). */
  logTail: string | null;
  timings: { provisionMs: number | null; gatewayReadyMs: number | null; totalMs: number | null };
  /** An upgrade matrix's row: this release's path to the target (null: no report to read it from). */
  upgrade?: UpgradePath | null;
}

export interface MatrixCell {
  scenario: string;
  /** The scenario's status in the version's report; "absent" when the report has no such scenario. */
  status: ScenarioStatus | "absent";
  class: VersionClass;
  /** One line: the deciding observation, or the reason it did not run. */
  text: string;
  /** Failed expectation ids. */
  failed: string[];
  dialect: string | null;
  /** The scenario's findings (observations that are no verdict, e.g. a device sent with the derived token), one line each. */
  findings: string[];
}

export interface MatrixSummary {
  /** The first version classified fixed, or null. */
  firstFixed: string | null;
  /** One line per later version that is not fixed (shows-bug or other-failure), e.g. "2026.x.y: fallback-local FAIL (token ≠ derived)". */
  regressions: string[];
  /** Per scenario, the consecutive comparable versions where its verdict changed (not-applicable and broken cells skipped). */
  changes: ScenarioChange[];
  exitCode: 0 | 1;
  /** One line for the terminal and matrix.md. */
  verdict: string;
}

export interface ScenarioChange {
  scenario: string;
  transitions: Array<{ from: string; to: string; before: VersionClass; after: VersionClass }>;
}

export interface DiskRecord {
  cacheDir: string;
  prune: boolean;
  startBytes: number;
  peakBytes: number;
  endBytes: number;
  /** Entries this run installed and then removed again (--prune). */
  pruned: string[];
}
