import { availableParallelism } from "node:os";
import { UsageError } from "../errors.ts";
import type { Faults } from "../run/context.ts";
import { COMMAND_SPECS, COMMANDS, invocation, isCommand, type Command } from "./command-specs.ts";
import { matrixOptions, type MatrixCliOptions } from "./matrix-args.ts";
import { clip, nearest } from "../plan/nearest.ts";
import { ignoredIn, parseFor } from "./option-errors.ts";
import { flagOf, givenOf, listOf, stringOf } from "./option-table.ts";

export type { Command } from "./command-specs.ts";

export interface CliOptions {
  command: Command;
  scenarios: string[];
  openclaw: string | null;
  base: string | null;
  head: string | null;
  /** smoke --upgrade-from: the build an upgrade scenario's home is made by. */
  upgradeFrom: string | null;
  /** proof --upgrade: also run the upgrade group. */
  upgrade: boolean;
  keep: boolean;
  reportDir: string;
  json: boolean;
  verbose: boolean;
  /** smoke --list: print the scenario catalog and run nothing. */
  listScenarios: boolean;
  markdown: string | null;
  ctrf: string | null;
  runs: number;
  concurrency: number;
  readyTimeoutMs: number | null;
  runtimeTimeoutMs: number | null;
  faults: Faults;
  /** bench: also profile one smoke and one proof phase by phase. */
  profile: boolean;
  /** smoke/proof: write this run's phase spans (JSON) to this file; what `bench --profile` reads. */
  profileOut: string | null;
  /** matrix, bisect and cache: their own options (harness/cli/matrix-args.ts). */
  matrix: MatrixCliOptions;
  /** smoke/proof --strength: also run the mutant catalog (scenarios/mutants/) against the tested build. */
  strength: boolean;
  /** --strength-break N: fail below N % (implies --strength). */
  strengthBreak: number | null;
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer, got '${clip(raw)}'`, `Pass e.g. ${name} 3`);
  return n;
}

/** argv (after the node and script) → options, each command reading only its own table. Pure; throws UsageError with a one-line fix. */
export function parseCli(argv: readonly string[]): CliOptions {
  const [cmd, ...args] = argv;
  if (!isCommand(cmd)) throw unknownCommand(cmd);
  const command = cmd;
  const { values, positionals: rest } = parseFor(command, args);
  const given = givenOf(values, COMMAND_SPECS[command].options);
  const str = (name: string): string | undefined => stringOf(values, name);
  const listScenarios = command === "smoke" && flagOf(values, "list");
  if (listScenarios) {
    const ignored = ignoredIn(given, ["list"]);
    if (ignored) throw new UsageError(`smoke --list runs nothing, so --${ignored} has nothing to do`, `Drop --${ignored}, or drop --list to run the smoke`);
  }
  const matrix = matrixOptions(
    command,
    rest,
    { from: str("from"), to: str("to"), versions: str("versions"), prereleases: flagOf(values, "prereleases"), list: command === "matrix" && flagOf(values, "list"), prune: flagOf(values, "prune"), old: str("old"), new: str("new"), keepEntries: command === "cache" ? str("keep") : undefined, concurrency: str("concurrency"), upgradeTo: str("upgrade-to") },
    given,
  );
  if (rest.length && command !== "matrix" && command !== "cache") throw new UsageError(`unexpected argument '${clip(rest[0] ?? "")}'`, `Options start with --; ${invocation(command)} --help lists them`);
  const strengthBreak = str("strength-break") === undefined ? null : percent("--strength-break", str("strength-break") ?? "");
  return {
    command,
    scenarios: listOf(values, "scenario"),
    openclaw: str("openclaw") ?? null,
    base: str("base") ?? null,
    head: str("head") ?? null,
    upgradeFrom: str("upgrade-from") ?? null,
    upgrade: flagOf(values, "upgrade"),
    keep: flagOf(values, "keep"),
    reportDir: str("report-dir") ?? "reports",
    json: flagOf(values, "json"),
    verbose: flagOf(values, "verbose"),
    listScenarios,
    markdown: str("markdown") ?? null,
    ctrf: str("ctrf") ?? null,
    runs: positiveInt("--runs", str("runs"), command === "soak" ? 20 : 3),
    concurrency: positiveInt("--concurrency", str("concurrency"), defaultConcurrency(availableParallelism())),
    readyTimeoutMs: str("ready-timeout") === undefined ? null : positiveInt("--ready-timeout", str("ready-timeout"), 90) * 1000,
    runtimeTimeoutMs: str("runtime-timeout") === undefined ? null : positiveInt("--runtime-timeout", str("runtime-timeout"), 60) * 1000,
    faults: parseFaults(listOf(values, "fault")),
    profile: flagOf(values, "profile"),
    profileOut: str("profile-out") ?? null,
    matrix,
    strength: flagOf(values, "strength") || strengthBreak !== null,
    strengthBreak,
  };
}

function unknownCommand(word: string | undefined): UsageError {
  const commands = `Commands: ${COMMANDS.join(", ")}; \`<command> --help\` lists each one's options`;
  if (word === undefined || word.startsWith("-")) return new UsageError("no command given", commands);
  const near = nearest(word, COMMANDS);
  return new UsageError(`unknown command '${clip(word)}'`, near ? `Did you mean ${near}? ${commands}` : commands);
}

function percent(name: string, raw: string): number {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`${name} must be a per cent from 0 to 100, got '${clip(raw)}'`, `Pass e.g. ${name} 100`);
  return n;
}

function parseFaults(list: readonly string[]): Faults {
  const faults: Faults = { killGatewayDuring: null, freezeTap: null };
  for (const f of list) {
    const m = /^(kill-gateway-during|freeze-tap):([\w-]+)$/.exec(f);
    if (!m) throw new UsageError(`unknown fault '${clip(f)}'`, "Use kill-gateway-during:SCENARIO or freeze-tap:SCENARIO");
    if (m[1] === "kill-gateway-during") faults.killGatewayDuring = m[2] ?? null;
    else faults.freezeTap = m[2] ?? null;
  }
  return faults;
}

/**
 * Scenarios at once against one gateway. On 2 cores two at a time is fastest (measured, 3 smokes each: the
 * scenario phase takes 2.35-2.64 s at 1, 2.07-2.2 s at 2, 1.95-2.1 s at 4, but four runtime processes at once
 * also slow the gateway's start). The gateway keeps one core busy for ~2.5 s after hello-ok.
 */
export function defaultConcurrency(cores: number): number {
  return cores <= 1 ? 1 : Math.min(4, Math.max(2, cores - 1));
}
