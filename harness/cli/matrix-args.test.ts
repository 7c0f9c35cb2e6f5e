import { describe, expect, it } from "vitest";
import { expectOneLineUsageError } from "./usage-assert.ts";
import { parseCli } from "./args.ts";

describe("matrix, bisect and cache options", () => {
  it("parses a matrix run, its list and a merge", () => {
    const o = parseCli(["matrix", "--from", "2026.6.5", "--to", "2026.6.11", "--prune", "--concurrency", "1", "--scenario", "local-token-handoff", "--json"]);
    expect(o.matrix).toMatchObject({ from: "2026.6.5", to: "2026.6.11", prune: true, versionsAtOnce: 1, merge: null });
    expect(parseCli(["matrix", "merge", "a/report.json", "--versions", "2026.6.5,2026.6.6"]).matrix).toMatchObject({ merge: ["a/report.json"], versions: ["2026.6.5", "2026.6.6"] });
    expect(parseCli(["matrix", "--versions", "2026.6.5, 2026.6.6", "--prereleases"]).matrix).toMatchObject({ versions: ["2026.6.5", "2026.6.6"], prereleases: true, versionsAtOnce: null });
    expect(parseCli(["matrix", "merge", "a/report.json", "b/report.json"]).matrix.merge).toEqual(["a/report.json", "b/report.json"]);
    expect(parseCli(["matrix", "--list", "--json"]).matrix.list).toBe(true);
    // As .github/workflows/matrix.yml lists the releases.
    expect(parseCli(["matrix", "--list", "--json", "--from", "2026.6.5", "--to", "2026.6.11"]).matrix).toMatchObject({ list: true, from: "2026.6.5", to: "2026.6.11" });
  });

  it("an upgrade matrix names its target; smoke names an upgrade's base, a proof adds the upgrade tier", () => {
    expect(parseCli(["matrix", "--upgrade-to", "2026.9.6", "--from", "2026.6.5"]).matrix).toMatchObject({ upgradeTo: "2026.9.6", from: "2026.6.5" });
    expect(parseCli(["matrix"]).matrix.upgradeTo).toBeNull();
    expect(parseCli(["smoke", "--scenario", "upgrade-live-home", "--upgrade-from", "2026.6.11"]).upgradeFrom).toBe("2026.6.11");
    expect(parseCli(["proof", "--upgrade"]).upgrade).toBe(true);
    expectOneLineUsageError(["smoke", "--upgrade-to", "2026.9.6"], /--upgrade-to/);
    expectOneLineUsageError(["proof", "--upgrade-from", "2026.6.5"], /--upgrade-from/);
  });

  it("parses bisect ends and cache prune --keep N (--keep keeps the sandbox everywhere else)", () => {
    expect(parseCli(["bisect", "--old", "2026.5.12", "--new", "2026.6.10", "--scenario", "local-token-handoff"]).matrix).toMatchObject({ old: "2026.5.12", new: "2026.6.10" });
    expect(parseCli(["cache", "prune", "--keep", "3"]).matrix.keepEntries).toBe(3);
    expect(parseCli(["cache", "prune", "--keep=0"]).matrix.keepEntries).toBe(0);
    expect(parseCli(["matrix", "--keep"]).keep).toBe(true);
  });

  it.each([
    [["smoke", "--from", "2026.6.5"], /--from belongs to matrix, not smoke/],
    [["matrix", "--old", "2026.6.5"], /^--old belongs to bisect, not matrix\. Run `corepack pnpm bisect --old V --new V`$/],
    [["bisect", "--old", "a", "--new", "b", "--from", "2026.6.5"], /^--from belongs to matrix, not bisect/],
    [["bisect", "--old", "2026.6.5"], /bisect needs --old V and --new V/],
    [["matrix", "merge"], /matrix merge needs report.json files/],
    [["matrix", "merge", "a.json", "--from", "2026.6.5"], /^matrix merge takes the versions and scenarios from the reports, so not --from\. Drop --from; merge takes --versions/],
    [["matrix", "merge", "a.json", "--scenario", "local-token-handoff"], /so not --scenario/],
    [["matrix", "--list", "--prune"], /^matrix --list runs nothing, so --prune has nothing to do\. Drop --prune, or drop --list to run the matrix$/],
    [["cache", "reap", "--keep", "1"], /cache reap takes no --keep/],
    [["cache", "prune", "--keep"], /^--keep needs a value\. Pass e\.g\. --keep N/],
    [["matrix", "mrege"], /unexpected argument 'mrege'/],
    [["matrix", "--versions", ","], /--versions is empty/],
    [["cache", "prune"], /cache prune needs --keep N/],
    [["cache", "clean", "--keep", "1"], /unknown cache command/],
    [["cache", "prune", "--keep", "x"], /--keep must be a whole number/],
    [["matrix", "--concurrency", "0"], /positive integer/],
  ])("rejects %j with one line naming the fix", (argv, msg) => expectOneLineUsageError(argv, msg));
});
