/** Every refusal of bad input is one printed line under 200 characters, as entry.ts prints a UsageError. */
import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.ts";
import { loadCatalog } from "../plan/catalog.ts";
import { selectScenarios } from "../plan/plan.ts";
import { parseCli } from "./args.ts";

/** What the user sees for a UsageError (harness/cli/entry.ts). */
function printed(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return `error: ${(err as Error).message}`;
  }
  throw new Error("expected a UsageError");
}

const LONG = "x".repeat(500);

const BAD_ARGV: string[][] = [
  [],
  ["smok"],
  [LONG],
  ["--scenario", "x"],
  ["smoke", "--scenaro", "x"],
  ["smoke", `--${LONG}`],
  ["smoke", "-x"],
  ["smoke", "--scenario"],
  ["smoke", "--keep=1"],
  ["smoke", "--ready-timeout", "-5"],
  ["smoke", "--runs", "5"],
  ["smoke", "--base", "2026.6.5"],
  ["smoke", "--from", "2026.6.5"],
  ["smoke", "--profile"],
  ["smoke", "--list", "--json"],
  ["smoke", "extra"],
  ["smoke", LONG],
  ["smoke", "--concurrency", LONG],
  ["smoke", "--fault", LONG],
  ["smoke", "--strength-break", LONG],
  ["proof", "--openclaw", "2026.6.5"],
  ["proof", "--openclaw", "2026.6.5", "--head", "2026.6.6"],
  ["proof", "--list"],
  ["soak", "--markdown", "m.md"],
  ["soak", "--ctrf", "c.json"],
  ["soak", "--json"],
  ["soak", "--strength"],
  ["soak", "--runs", "0"],
  ["bench", "--markdown", "m.md"],
  ["bench", "--json"],
  ["bench", "--openclaw", "2026.6.5"],
  ["bench", "--scenario", "local-token-handoff"],
  ["bench", "--profile-out", "p.json"],
  ["matrix", "--markdown", "m.md"],
  ["matrix", "--ctrf", "c.json"],
  ["matrix", "--runs", "3"],
  ["matrix", "--strength"],
  ["matrix", "--openclaw", "2026.6.5"],
  ["matrix", "--old", "2026.6.5"],
  ["matrix", "mrege"],
  ["matrix", "merge"],
  ["matrix", "merge", "a.json", "--from", "2026.6.5"],
  ["matrix", "--list", "--prune"],
  ["matrix", "--versions", ","],
  ["matrix", "--concurrency", "0"],
  ["bisect"],
  ["bisect", "--old", "a", "--new", "b", "--concurrency", "2"],
  ["bisect", "--old", "a", "--new", "b", "--markdown", "m.md"],
  ["cache"],
  ["cache", "clean"],
  ["cache", "prune"],
  ["cache", "prune", "--keep", "x"],
  ["cache", "prune", "--keep"],
  ["cache", "reap", "--keep", "1"],
  ["cache", "reap", "--json"],
];

describe("bad input", () => {
  it.each(BAD_ARGV.map((a) => [a.map((w) => (w.length > 20 ? `${w.slice(0, 8)}…` : w)).join(" "), a] as const))("%s: one line under 200 characters", (_, argv) => {
    const line = printed(() => parseCli(argv));
    expect(line).not.toContain("\n");
    expect(line.length, line).toBeLessThan(200);
  });

  it("an unknown scenario id: one line under 200 characters, with the nearest id and where the list is", async () => {
    const catalog = await loadCatalog();
    for (const ids of [["local-token-handof"], ["no-such-scenario"], [LONG], ["a", "b", "c"]]) {
      const line = printed(() => selectScenarios(catalog, ids, "smoke"));
      expect(line).not.toContain("\n");
      expect(line.length, line).toBeLessThan(200);
      expect(line).toContain("corepack pnpm smoke --list");
    }
    expect(printed(() => selectScenarios(catalog, ["local-token-handof"], "smoke"))).toContain("Did you mean local-token-handoff?");
  });
});
