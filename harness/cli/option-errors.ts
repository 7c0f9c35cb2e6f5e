/**
 * Reads argv by one command's table and turns what parseArgs refuses into one short UsageError naming the fix: an
 * option of another command says whose it is, a typo gets the nearest option of this command. Pure.
 */
import { parseArgs } from "node:util";
import { UsageError } from "../errors.ts";
import { COMMAND_SPECS, COMMANDS, commandsTaking, invocation, type Command } from "./command-specs.ts";
import { clip, nearestByEdits, onlyPrefixed } from "../plan/nearest.ts";
import { parseConfigOf, type OptionValues } from "./option-table.ts";

/** argv after the command, read by the command's table. Throws a one-line UsageError. */
export function parseFor(command: Command, args: readonly string[]): { values: OptionValues; positionals: string[] } {
  try {
    return parseArgs({ args: [...args], options: parseConfigOf(COMMAND_SPECS[command].options), strict: true, allowPositionals: true });
  } catch (err) {
    throw parseError(command, err);
  }
}

function parseError(command: Command, err: unknown): UsageError {
  const msg = err instanceof Error ? err.message : String(err);
  const unknown = /^Unknown option '([^']*)'/.exec(msg);
  if (unknown) return unknownOption(command, unknown[1] ?? "");
  // "--ready-timeout -5": parseArgs reads -5 as an option and calls the value ambiguous.
  const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(msg);
  if (ambiguous) {
    const e = example(command, ambiguous[1] ?? "");
    return new UsageError(`${ambiguous[1]} needs a value, and a value that starts with '-' is not one`, `Pass e.g. ${/ [NS]$/.test(e) ? `${ambiguous[1]} 3 (a positive integer)` : e}`);
  }
  const missing = /^Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(msg);
  if (missing) return new UsageError(`${missing[1]} needs a value`, `Pass e.g. ${example(command, missing[1] ?? "")}; ${invocation(command)} --help lists the options`);
  const flag = /^Option '(?:-\w, )?(--[\w-]+)' does not take an argument/.exec(msg);
  if (flag) return new UsageError(`${flag[1]} takes no value`, `Pass ${flag[1]} alone; ${invocation(command)} --help lists the options`);
  return new UsageError(clip(msg.split("\n")[0]?.replace(/\.+$/, "") || "bad arguments", 120), `${invocation(command)} --help lists the options`);
}

/** `--scenario ID`: the option with its value's name from the table. */
function example(command: Command, flag: string): string {
  const row = COMMAND_SPECS[command].options.find((r) => `--${r.name}` === flag);
  return row?.value ? `${flag} ${row.value}` : flag;
}

/** An option this command does not take: whose it is, or the nearest one it does take. */
export function unknownOption(command: Command, flag: string): UsageError {
  const name = flag.replace(/^--?/, "").replace(/=.*$/, "");
  const owners = flag.startsWith("--") ? commandsTaking(name) : [];
  if (owners.length) return foreignOption(command, name, owners);
  const shown = (c: Command): string[] => COMMAND_SPECS[c].options.filter((r) => !r.hidden).map((r) => r.name);
  const help = `${invocation(command)} --help lists the options`;
  const cause = `unknown option '${clip(flag)}' for ${command}`;
  if (!flag.startsWith("--")) return new UsageError(cause, help);
  // A typo of this command's option first, then of another command's (--run on smoke is soak's --runs), then a prefix.
  const near = nearestByEdits(name, shown(command));
  if (near) return new UsageError(cause, `Did you mean --${near}? ${help}`);
  const elsewhere = nearestByEdits(name, [...new Set(COMMANDS.flatMap(shown))]);
  if (elsewhere) return new UsageError(cause, `Did you mean --${elsewhere} (${listed(commandsTaking(elsewhere))} take${commandsTaking(elsewhere).length === 1 ? "s" : ""} it)? ${help}`);
  const prefixed = onlyPrefixed(name, shown(command));
  return new UsageError(cause, prefixed ? `Did you mean --${prefixed}? ${help}` : help);
}

/** "smoke", "soak and bench", "smoke, proof and soak". */
function listed(commands: readonly string[]): string {
  return commands.length < 2 ? (commands[0] ?? "") : `${commands.slice(0, -1).join(", ")} and ${commands.at(-1)}`;
}

/** What each command writes, for a --json/--markdown/--ctrf it would not write. */
const OUTPUTS: Readonly<Record<Command, string>> = {
  smoke: "smoke writes report.json, proof.md and ctrf.json into its run folder",
  proof: "proof writes report.json, proof.md and ctrf.json into its run folder",
  soak: "soak prints a summary and writes soak.json under --report-dir",
  bench: "bench prints its figures and writes bench/bench.json under --report-dir",
  matrix: "matrix writes matrix.json, matrix.md and ctrf.json into its run folder",
  bisect: "bisect writes matrix.json, matrix.md and ctrf.json into its run folder",
  cache: "cache prints one line per step and writes no file",
};

/** The fix for an option given to a command it does not belong to, where there is a better one than dropping it. */
function fixFor(command: Command, name: string): string | null {
  const single = command === "smoke" || command === "soak";
  const manyVersions = command === "matrix" || command === "bisect";
  switch (name) {
    case "json":
    case "markdown":
    case "ctrf":
      return `Drop --${name}: ${OUTPUTS[command]}`;
    case "runs":
      return "Use `corepack pnpm soak --runs N`, or drop --runs";
    case "profile":
      return command === "smoke" || command === "proof" ? "Use `corepack pnpm bench --profile`, or --profile-out FILE for this run's phase timings" : "Use `corepack pnpm bench --profile`";
    case "profile-out":
      return "Use `corepack pnpm bench --profile` for a breakdown";
    case "strength":
    case "strength-break":
      return "Use `corepack pnpm proof --strength`";
    case "openclaw":
      if (command === "proof") return "proof names its two builds --base SPEC and --head SPEC: pass the build with the change as --head SPEC";
      if (command === "bench") return "bench measures a proof's builds: pass the build as --head SPEC (and --base SPEC)";
      return manyVersions ? `${command} picks the versions: use ${command === "matrix" ? "--from/--to or --versions" : "--old and --new"}` : null;
    case "base":
    case "head":
      if (single) return `${command} tests one build, --openclaw SPEC; for a differential run use \`corepack pnpm proof --base SPEC --head SPEC\``;
      return manyVersions ? `${command} picks the versions: use ${command === "matrix" ? "--from/--to or --versions" : "--old and --new"}` : null;
    case "list":
      return "`corepack pnpm smoke --list` lists the scenarios, `corepack pnpm matrix --list` the releases";
    case "old":
    case "new":
      return "Run `corepack pnpm bisect --old V --new V`";
    case "from":
    case "to":
    case "versions":
    case "prune":
      return "Run `corepack pnpm matrix --help`";
    default:
      return null;
  }
}

function foreignOption(command: Command, name: string, owners: readonly Command[]): UsageError {
  return new UsageError(`--${name} belongs to ${listed(owners)}, not ${command}`, fixFor(command, name) ?? `Drop it; ${invocation(command)} --help lists what ${command} takes`);
}

/** The first option given that a mode reading only some of the command's options (smoke --list, matrix merge …) would ignore. */
export function ignoredIn(given: readonly string[], allowed: readonly string[]): string | undefined {
  return given.find((n) => !allowed.includes(n));
}
