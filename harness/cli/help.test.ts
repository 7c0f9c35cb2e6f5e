import { parseArgs } from "node:util";
import { describe, expect, it } from "vitest";
import { COMMAND_SPECS, COMMANDS } from "./command-specs.ts";
import { commandHelp, helpRequest, topHelp } from "./help.ts";
import { parseConfigOf } from "./option-table.ts";

/** The --flags a help text lists in its Options section. */
function listedFlags(text: string): string[] {
  const section = text.split("\nOptions\n")[1]?.split("\n\n")[0] ?? "";
  return [...section.matchAll(/^ {2}(?:-\w, )?--([\w-]+)/gm)].map((m) => m[1] ?? "");
}

describe("help", () => {
  it.each(COMMANDS)("%s --help lists exactly the options it parses, but the hidden --fault", (command) => {
    const text = commandHelp(command);
    const shown = COMMAND_SPECS[command].options.filter((r) => !r.hidden).map((r) => r.name);
    expect(listedFlags(text)).toEqual(shown);
    expect(Object.keys(parseConfigOf(COMMAND_SPECS[command].options))).toEqual(expect.arrayContaining(shown));
    expect(text).not.toContain("--fault");
    expect(text).toMatch(/\nExample\n {2}corepack pnpm (run )?\w+ /);
    expect(text).toContain("Exit codes:");
    for (const line of text.split("\n")) expect(line.length, line).toBeLessThanOrEqual(120);
  });

  it("each example parses with its command's own table", () => {
    for (const command of COMMANDS) {
      const words = COMMAND_SPECS[command].example.split(" ").slice(command === "cache" ? 4 : 3);
      expect(() => parseArgs({ args: words, options: parseConfigOf(COMMAND_SPECS[command].options), strict: true, allowPositionals: true }), command).not.toThrow();
    }
  });

  it("gives matrix and smoke different options: matrix has no --markdown, --runs or --strength", () => {
    const matrix = listedFlags(commandHelp("matrix"));
    expect(matrix).not.toEqual(expect.arrayContaining(["markdown"]));
    for (const f of ["markdown", "ctrf", "runs", "strength", "openclaw"]) expect(matrix).not.toContain(f);
    expect(matrix).toEqual(expect.arrayContaining(["from", "to", "versions", "list", "prune"]));
    expect(listedFlags(commandHelp("smoke"))).toEqual(expect.arrayContaining(["scenario", "list", "openclaw", "markdown", "strength"]));
    expect(commandHelp("matrix")).not.toBe(commandHelp("smoke"));
  });

  it("the top-level help lists every command with its summary", () => {
    const text = topHelp();
    for (const c of COMMANDS) expect(text).toMatch(new RegExp(`^ {2}${c} +${COMMAND_SPECS[c].summary.replace(/[()]/g, "\\$&")}$`, "m"));
  });

  it("answers --help and -h for a command, --help or nothing for the list of commands", () => {
    expect(helpRequest(["smoke", "--help"])).toEqual({ text: commandHelp("smoke"), exitCode: 0 });
    expect(helpRequest(["matrix", "--from", "x", "-h"])).toEqual({ text: commandHelp("matrix"), exitCode: 0 });
    expect(helpRequest(["--help"])).toEqual({ text: topHelp(), exitCode: 0 });
    expect(helpRequest([])).toEqual({ text: topHelp(), exitCode: 2 });
    expect(helpRequest(["smoke", "--scenario", "x"])).toBeNull();
    expect(helpRequest(["smoke", "--", "--help"])).toBeNull();
    expect(helpRequest(["smok", "--help"])).toBeNull();
  });
});
