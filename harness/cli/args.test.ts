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
    expectOneLineUsageError(["smoke", "--profile"], /--profile belongs to bench, not smoke\. Use `corepack pnpm bench --profile`/);
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

  it("reads each command by its own table: --openclaw is smoke's, --base/--head proof's, and proof refuses --openclaw", () => {
    expect(parseCli(["proof", "--base", "2026.6.5", "--head", "../openclaw"])).toMatchObject({ base: "2026.6.5", head: "../openclaw", openclaw: null });
    expect(parseCli(["soak", "--openclaw", "2026.6.5"]).openclaw).toBe("2026.6.5");
    expectOneLineUsageError(["proof", "--openclaw", "2026.6.5"], /^--openclaw belongs to smoke and soak, not proof\. proof names its two builds --base SPEC and --head SPEC: pass the build with the change as --head SPEC$/);
    expectOneLineUsageError(["proof", "--openclaw", "a", "--head", "b"], /--openclaw belongs to smoke and soak, not proof.*--head SPEC/);
  });

  it("keeps --fault (the harness's self-test) working where a run takes it", () => {
    expect(parseCli(["smoke", "--fault", "freeze-tap:local-token-handoff"]).faults).toEqual({ killGatewayDuring: null, freezeTap: "local-token-handoff" });
    expect(parseCli(["matrix", "--fault", "kill-gateway-during:x"]).faults.killGatewayDuring).toBe("x");
    expectOneLineUsageError(["smoke", "--fault", "nope"], /unknown fault 'nope'/);
  });

  it("takes smoke --list alone", () => {
    expect(parseCli(["smoke", "--list"]).listScenarios).toBe(true);
    expect(parseCli(["smoke"]).listScenarios).toBe(false);
    expectOneLineUsageError(["smoke", "--list", "--keep"], /^smoke --list runs nothing, so --keep has nothing to do\. Drop --keep, or drop --list to run the smoke$/);
  });

  it.each([
    [["soak", "--markdown", "m.md"], /^--markdown belongs to smoke and proof, not soak\. Drop --markdown: soak prints a summary and writes soak\.json/],
    [["soak", "--json"], /^--json belongs to .*, not soak\. Drop --json/],
    [["bench", "--ctrf", "c.json"], /^--ctrf belongs to smoke and proof, not bench\. Drop --ctrf: bench prints its figures/],
    [["matrix", "--markdown", "m.md"], /^--markdown belongs to smoke and proof, not matrix\. Drop --markdown: matrix writes matrix\.json, matrix\.md and ctrf\.json/],
    [["bisect", "--old", "a", "--new", "b", "--concurrency", "2"], /^--concurrency belongs to smoke, proof, soak and matrix, not bisect\. Drop it; corepack pnpm bisect --help/],
    [["cache", "reap", "--verbose"], /^--verbose belongs to .*, not cache\. Drop it; corepack pnpm run cache --help/],
  ])("refuses %j, an option the command would ignore, naming whose it is", (argv, msg) => expectOneLineUsageError(argv, msg));

  it.each([
    [["smok"], /^unknown command 'smok'\. Did you mean smoke\? Commands: smoke, proof/],
    [[], /^no command given\. Commands: smoke/],
    [["smoke", "--nope"], /^unknown option '--nope' for smoke\. corepack pnpm smoke --help lists the options$/],
    [["smoke", "--scenaro", "x"], /^unknown option '--scenaro' for smoke\. Did you mean --scenario\? corepack pnpm smoke --help lists the options$/],
    [["proof", "--stength"], /^unknown option '--stength' for proof\. Did you mean --strength\?/],
    [["smoke", "--run", "3"], /^unknown option '--run' for smoke\. Did you mean --runs \(soak and bench take it\)\?/],
    [["smoke", "-x"], /^unknown option '-x' for smoke\. corepack pnpm smoke --help lists the options$/],
    [["smoke", "--scenario"], /^--scenario needs a value\. Pass e\.g\. --scenario ID/],
    [["smoke", "--keep=yes"], /^--keep takes no value/],
    [["soak", "--runs", "0"], /positive integer/],
    [["smoke", "--runs", "5"], /^--runs belongs to soak and bench, not smoke\. Use `corepack pnpm soak --runs N`, or drop --runs$/],
    [["smoke", "--ready-timeout", "-5"], /^--ready-timeout needs a value, and a value that starts with '-' is not one\. Pass e\.g\. --ready-timeout 3 \(a positive integer\)$/],
    [["smoke", "--scenario", "--json"], /^--scenario needs a value, and a value that starts with '-' is not one\. Pass e\.g\. --scenario ID$/],
    [["smoke", "--base", "2026.6.5"], /^--base belongs to proof and bench, not smoke\. smoke tests one build, --openclaw SPEC; for a differential run/],
    [["smoke", "extra"], /unexpected argument/],
  ])("rejects %j with a one-line usage error", (argv, msg) => expectOneLineUsageError(argv, msg));
});
