/**
 * Each command: the options it takes (one table, harness/cli/option-table.ts), what it does, one example and its exit
 * codes. The parser (args.ts) and the help (help.ts) both read these, so they cannot drift apart. Pure data.
 */
import { labelOf, type OptionRow } from "./option-table.ts";
import * as o from "./option-rows.ts";

export type Command = "smoke" | "proof" | "soak" | "bench" | "matrix" | "bisect" | "cache";

export const COMMANDS: readonly Command[] = ["smoke", "proof", "soak", "bench", "matrix", "bisect", "cache"];

export function isCommand(word: string | undefined): word is Command {
  return (COMMANDS as readonly (string | undefined)[]).includes(word);
}

export interface CommandSpec {
  /** One line for the command list. */
  readonly summary: string;
  /** How to call it, after `corepack pnpm ` (or `corepack pnpm run ` for cache). */
  readonly usage: readonly string[];
  /** What it does and writes, a few lines. */
  readonly about: readonly string[];
  readonly options: readonly OptionRow[];
  /** One command line, in full. */
  readonly example: string;
  /** The exit codes paragraph, wrapped. */
  readonly exits: readonly string[];
}

/** `corepack pnpm smoke`, but `corepack pnpm run cache`: pnpm has a cache command of its own. */
export function invocation(command: Command): string {
  return command === "cache" ? "corepack pnpm run cache" : `corepack pnpm ${command}`;
}

const RUN_EXITS = "2 usage or set-up error (nothing started), 129/130/143 hung up (or the parent went away), interrupted,";
const SIGNAL_EXITS = "terminated (partial report saved), 141 the reader of the output went away (`| head`).";

/** matrix merge reads its versions and scenarios from the reports: of matrix's options it takes these. */
export const MERGE_OPTIONS: readonly string[] = ["versions", "report-dir", "json", "verbose", "help"];

/** A matrix and a bisect run a smoke per release and wait longer for each (their own defaults). */
const PER_RELEASE_TIMEOUTS: readonly OptionRow[] = [
  { ...o.READY_TIMEOUT, help: "seconds to wait for each gateway's hello-ok (default 240)" },
  { ...o.RUNTIME_TIMEOUT, help: "seconds before an approval-runtime process is killed (default 180)" },
];

const MATRIX_OPTIONS: readonly OptionRow[] = [
  { name: "from", value: "V", help: "first release (default 2026.6.5)" },
  { name: "to", value: "V", help: "last release (default: the newest)" },
  { name: "versions", value: "LIST", help: "exactly these versions, a,b,c (merge: those that must have a report)" },
  o.PRERELEASES,
  o.SCENARIO,
  { name: "list", help: "print the chosen versions (with --json: and scenarios) and run nothing" },
  { name: "concurrency", value: "N", help: "versions at once (default from cores and MemAvailable)" },
  { name: "prune", help: "remove each target this run installed once its smoke is done" },
  { name: "upgrade-to", value: "SPEC", help: "an upgrade matrix: each release's live home bumped to SPEC (scenario upgrade-live-home)" },
  o.KEEP,
  o.REPORT_DIR,
  { ...o.JSON_REPORT, help: "print the matrix document (JSON) on stdout instead of the table" },
  ...PER_RELEASE_TIMEOUTS,
  o.VERBOSE,
  o.FAULT,
  o.HELP,
];

export const COMMAND_SPECS: Readonly<Record<Command, CommandSpec>> = {
  smoke: {
    summary: "run the scenarios on one OpenClaw build (default: the pinned dependency)",
    usage: ["smoke [options]"],
    about: [
      "Runs the scenarios (default: the four core ones) against a real OpenClaw gateway and a separate approval-runtime",
      "process, and writes <report-dir>/<run-id>/report.json, proof.md, proof-details.md and ctrf.json.",
    ],
    options: [
      o.SCENARIO,
      { name: "list", help: "print the scenarios by group, one claim each, and run nothing" },
      o.OPENCLAW,
      o.UPGRADE_FROM,
      o.KEEP,
      o.REPORT_DIR,
      o.JSON_REPORT,
      o.MARKDOWN,
      o.CTRF,
      o.CONCURRENCY,
      o.READY_TIMEOUT,
      o.RUNTIME_TIMEOUT,
      o.STRENGTH,
      o.STRENGTH_BREAK,
      o.PROFILE_OUT,
      o.VERBOSE,
      o.FAULT,
      o.HELP,
    ],
    example: "corepack pnpm smoke --openclaw 2026.6.5 --scenario local-token-handoff --keep",
    exits: ["Exit codes: 0 every expectation holds, 1 an expectation or a hygiene check failed (evidence saved),", RUN_EXITS, SIGNAL_EXITS],
  },
  proof: {
    summary: "base against head, scenario by scenario (default: base 2026.6.5, head pinned)",
    usage: ["proof [options]"],
    about: [
      "Runs the proof set (core, the PR's further claims, the control, lifecycle) on the build before the change (--base)",
      "and the build with it (--head), and classifies each scenario; writes the PR rendering (proof.md) and its details.",
    ],
    options: [o.SCENARIO, o.BASE, o.HEAD, o.UPGRADE, o.KEEP, o.REPORT_DIR, o.JSON_REPORT, o.MARKDOWN, o.CTRF, o.CONCURRENCY, o.READY_TIMEOUT, o.RUNTIME_TIMEOUT, o.STRENGTH, o.STRENGTH_BREAK, o.PROFILE_OUT, o.VERBOSE, o.FAULT, o.HELP],
    example: "corepack pnpm proof --base 2026.6.5 --head ../openclaw --markdown proof.md",
    exits: ["Exit codes: 0 every expectation holds, 1 an expectation, the comparison or a hygiene check failed (evidence", `saved), ${RUN_EXITS}`, SIGNAL_EXITS],
  },
  soak: {
    summary: "run the full smoke N times in a row and report flakes",
    usage: ["soak [options]"],
    about: ["Runs the smoke --runs times in a row; prints passes, flakes and the wall-time spread, and writes", "<report-dir>/soak.json beside each run's folder."],
    options: [
      { name: "runs", value: "N", help: "how many smokes (default 20)" },
      o.SCENARIO,
      o.OPENCLAW,
      o.KEEP,
      o.REPORT_DIR,
      o.CONCURRENCY,
      o.READY_TIMEOUT,
      o.RUNTIME_TIMEOUT,
      o.VERBOSE,
      o.FAULT,
      o.HELP,
    ],
    example: "corepack pnpm soak --runs 20",
    exits: ["Exit codes: 0 every run passed, 1 a run failed (soak.json names it),", RUN_EXITS, SIGNAL_EXITS],
  },
  bench: {
    summary: "measure the floor and the harness overhead",
    usage: ["bench [options]"],
    about: [
      "Measures what OpenClaw itself costs (a bare gateway's start, a runtime process) against the harness's full smoke",
      "and proof runs, with RSS and provisioning; writes <report-dir>/bench/bench.json.",
    ],
    options: [
      { name: "runs", value: "N", help: "how many runs of each measurement (default 3)" },
      { name: "profile", help: "also break one smoke and one proof down by phase, and time smoke --strength" },
      { ...o.BASE, help: "the proof's base (default 2026.6.5)" },
      { ...o.HEAD, help: "the build measured, and the proof's head (default: the pinned openclaw)" },
      o.REPORT_DIR,
      o.VERBOSE,
      o.HELP,
    ],
    example: "corepack pnpm bench --runs 3 --profile",
    exits: ["Exit codes: 0 every check holds, 1 a check failed (bench.json has the figures),", RUN_EXITS, SIGNAL_EXITS],
  },
  matrix: {
    summary: "run the scenarios on every release from --from to --to and classify each one",
    usage: ["matrix [options]", `matrix merge <report.json…> ${MATRIX_OPTIONS.filter((r) => MERGE_OPTIONS.includes(r.name) && r.name !== "help").map((r) => `[${labelOf(r)}]`).join(" ")}`],
    about: [
      "Runs a smoke on each release and classifies it (fixed, shows-bug, not-applicable, broken …); writes matrix.json,",
      "matrix.md and ctrf.json into <report-dir>/<run-id>/. merge builds the same matrix from smokes run elsewhere (CI).",
    ],
    options: MATRIX_OPTIONS,
    example: "corepack pnpm matrix --from 2026.6.5 --to 2026.6.11 --scenario local-token-handoff --prune",
    exits: ["Exit codes: 0 every release from the first fixed one on is fixed or has its reason, 1 a regression or a failure", `nothing explains, ${RUN_EXITS}`, SIGNAL_EXITS],
  },
  bisect: {
    summary: "find the first release after --old, up to --new, whose verdict differs from --old's",
    usage: ["bisect --old V --new V [options]"],
    about: ["Runs a smoke on both ends, then halves the releases between them; prints each step and the answer, and writes", "a matrix of the versions it ran (matrix.json, matrix.md, ctrf.json) into <report-dir>/<run-id>/."],
    options: [
      { name: "old", value: "V", help: "the release to compare against (required)" },
      { name: "new", value: "V", help: "the last release to look at (required)" },
      o.PRERELEASES,
      o.SCENARIO,
      o.KEEP,
      o.REPORT_DIR,
      { ...o.JSON_REPORT, help: "print the matrix document (JSON) on stdout; the steps go to stderr" },
      ...PER_RELEASE_TIMEOUTS,
      o.VERBOSE,
      o.FAULT,
      o.HELP,
    ],
    example: "corepack pnpm bisect --old 2026.5.12 --new 2026.6.10 --scenario local-token-handoff",
    exits: ["Exit codes: 0 an answer (or the two ends agree), 1 no answer (an end, or the builds before the change, gave no", `verdict), ${RUN_EXITS}`, SIGNAL_EXITS],
  },
  cache: {
    summary: "prune installed targets, or reap what killed runs left behind",
    usage: ["cache prune --keep N", "cache reap"],
    about: [
      "reap removes what runs whose harness was killed left behind (sandboxes, locks, namespaces, Docker objects), as",
      "every run does before it starts; prune reaps, then removes installed targets but the N newest from the target cache.",
    ],
    options: [{ name: "keep", value: "N", help: "prune: how many installed targets to keep (0 empties the cache)" }, o.HELP],
    example: "corepack pnpm run cache prune --keep 3",
    exits: ["Exit codes: 0 done, 1 reap could not remove something (named above), 2 usage error."],
  },
};

/** The commands whose table has this option (hidden rows too), in COMMANDS order. */
export function commandsTaking(name: string): Command[] {
  return COMMANDS.filter((c) => COMMAND_SPECS[c].options.some((r) => r.name === name));
}
