/** The help texts, made from the command tables (command-specs.ts): one per command, and a short list of the commands. Pure. */
import { COMMAND_SPECS, COMMANDS, invocation, isCommand, type Command } from "./command-specs.ts";
import { optionLines } from "./option-table.ts";

const ABOUT = [
  "Proves, with a real OpenClaw gateway and a separate approval-runtime process, how the gateway",
  "authenticates that process (openclaw/openclaw#87105).",
];

/** No command, or `--help` alone: what each command does. */
export function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.length)) + 2;
  return [
    "Usage: corepack pnpm <command> [options]   (cache: corepack pnpm run cache …)",
    "",
    ...ABOUT,
    "",
    "Commands",
    ...COMMANDS.map((c) => `  ${c.padEnd(width)}${COMMAND_SPECS[c].summary}`),
    "",
    "`corepack pnpm <command> --help` lists a command's options; `corepack pnpm smoke --list` lists the scenarios.",
  ].join("\n");
}

/** `<command> --help`: its usage, what it does, only the options it takes, one example, its exit codes. */
export function commandHelp(command: Command): string {
  const spec = COMMAND_SPECS[command];
  const prefix = invocation(command).slice(0, -command.length);
  const [first, ...more] = spec.usage;
  return [
    `Usage: ${prefix}${first ?? command}`,
    ...more.map((u) => `       ${prefix}${u}`),
    "",
    ...spec.about,
    "",
    "Options",
    ...optionLines(spec.options),
    "",
    "Example",
    `  ${spec.example}`,
    "",
    ...spec.exits,
  ].join("\n");
}

/** What argv asks help for, if it does: the text, and the exit code (2 when no command was given at all). */
export function helpRequest(argv: readonly string[]): { text: string; exitCode: 0 | 2 } | null {
  const [first, ...rest] = argv;
  if (first === undefined) return { text: topHelp(), exitCode: 2 };
  if (first === "-h" || first === "--help") return { text: topHelp(), exitCode: 0 };
  if (!isCommand(first)) return null;
  const options = rest.includes("--") ? rest.slice(0, rest.indexOf("--")) : rest;
  return options.includes("-h") || options.includes("--help") ? { text: commandHelp(first), exitCode: 0 } : null;
}
