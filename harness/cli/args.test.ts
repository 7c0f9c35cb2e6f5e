import { describe, expect, it } from "vitest";
import { expectOneLineUsageError } from "./usage-assert.ts";
import { defaultConcurrency, parseCli } from "./args.ts";

describe("parseCli", () => {
  it("parses a smoke run with repeatable scenarios", () => {
    const o = parseCli(["smoke", "--scenario", "a", "--scenario", "b", "--keep", "--json", "--concurrency", "3"]);
    expect(o).toMatchObject({ command: "smoke", scenarios: ["a", "b"], keep: true, json: true, reportDir: "reports", concurrency: 3 });
  });

  it("runs scenarios two at a time on 2 cores (one on one core), and at most 4 at once on more", () => {
    expect([1, 2, 3, 4, 8, 64].map(defaultConcurrency)).toEqual([1, 2, 2, 3, 4, 4]);
  });

  it("takes --profile on bench and --profile-out on smoke and proof, and refuses them elsewhere with the fix", () => {
    expect(parseCli(["bench", "--profile"]).profile).toBe(true);
    expect(parseCli(["proof", "--profile-out", "p.json"]).profileOut).toBe("p.json");
    expectOneLineUsageError(["smoke", "--profile"], /--profile belongs to bench, not smoke\. Use `pnpm bench --profile`/);
    expectOneLineUsageError(["bench", "--profile-out", "p.json"], /--profile-out belongs to smoke and proof, not bench/);
  });

  it("takes --strength and --strength-break N (which implies it) on smoke and proof", () => {
    expect(parseCli(["proof"])).toMatchObject({ strength: false, strengthBreak: null });
    expect(parseCli(["proof", "--strength"])).toMatchObject({ strength: true, strengthBreak: null });
    expect(parseCli(["smoke", "--strength-break", "100"])).toMatchObject({ strength: true, strengthBreak: 100 });
    expect(parseCli(["proof", "--strength-break", "87.5"]).strengthBreak).toBe(87.5);
    expectOneLineUsageError(["proof", "--strength-break", "101"], /--strength-break must be a per cent from 0 to 100, got '101'\. Pass e\.g\. --strength-break 100/);
    expectOneLineUsageError(["proof", "--strength-break", "all"], /per cent/);
    expectOneLineUsageError(["soak", "--strength"], /--strength belongs to smoke and proof, not soak/);
  });

  it("defaults soak to 20 runs and bench to 3", () => {
    expect(parseCli(["soak"]).runs).toBe(20);
    expect(parseCli(["bench"]).runs).toBe(3);
  });

  it.each([
    [["smok"], /unknown command/],
    [["smoke", "--nope"], /Unknown option/i],
    [["soak", "--runs", "0"], /positive integer/],
    [["smoke", "--runs", "5"], /--runs belongs to soak and bench, not smoke/],
    [["smoke", "--ready-timeout", "-5"], /--ready-timeout needs a value, and a value that starts with '-' is not one/],
    [["smoke", "--base", "2026.6.5"], /differential/],
    [["smoke", "extra"], /unexpected argument/],
  ])("rejects %j with a one-line usage error", (argv, msg) => expectOneLineUsageError(argv, msg));
});
