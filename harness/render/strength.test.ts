import { describe, expect, it } from "vitest";
import type { MutantRecord, Report, StrengthReport, TargetInfo } from "../evidence/types.ts";
import { strengthCtrfTests, strengthLines, strengthMarkdown, strengthSummary } from "./strength.ts";

const rec = (id: string, status: MutantRecord["status"], reason: string): MutantRecord => ({ id, reverts: `reverts ${id} | piped`, loadedBy: "runtime", status, reason, applied: status === "not-applicable" ? null : { locator: 1, file: "a.mjs" }, counts: [{ locator: 1, matches: status === "not-applicable" ? 0 : 1 }], scenarios: [] });

function strength(over: Partial<StrengthReport> = {}): StrengthReport {
  return {
    target: { spec: "default", version: "2026.9.6" },
    mutants: [rec("token-never-sent", "killed", "killed by local-token-handoff (runtime-token, resolve)"), rec("locality-ignored", "survived", "survived: remote-paired-device-locality not in this run"), rec("old-layout", "not-applicable", "locator 1 matched 0 times")],
    score: { killed: 1, timeout: 0, survived: 1, notApplicable: 1, percent: 50 },
    break: null,
    unfailed: [],
    gateways: [],
    builds: { made: 2, files: 24000, copied: 0, removed: true },
    wallMs: 61_000,
    ...over,
  };
}
const plain = (_code: string, s: string): string => s;
const registry = { kind: "registry", version: "2026.9.6", spec: "2026.9.6", path: "/cache/openclaw" } as TargetInfo;
/** A survived mutant with its one catcher, left out of the run. */
function withCatcher(): StrengthReport {
  const s = strength();
  const survived = s.mutants[1] as MutantRecord;
  survived.scenarios = [{ id: "remote-paired-device-locality", status: "not-selected", meant: ["resolve"], failed: [], deciding: "", timedOut: false, baseline: "not-run" }];
  return s;
}

describe("strength rendering", () => {
  it("prints one line per mutant, then strength N/M", () => {
    const lines = strengthLines(strength(), plain);
    expect(lines[0]).toMatch(/^KILLED\s+token-never-sent\s+runtime\s+by local-token-handoff \(runtime-token, resolve\)$/);
    expect(lines[1]).toMatch(/^SURVIVED\s+locality-ignored\s+runtime\s+remote-paired-device-locality not in this run$/);
    expect(lines[2]).toMatch(/^N\/A\s+old-layout\s+runtime\s+locator 1 matched 0 times$/);
    expect(lines.at(-1)).toBe("strength 1/2 (50 %), 1 not applicable against openclaw 2026.9.6, 0 gateway(s), 61.0 s");
  });

  it("puts under a mutant not caught the command that runs its catchers against the same build", () => {
    const lines = strengthLines(withCatcher(), plain, registry);
    expect(lines[2]).toBe("          rerun: corepack pnpm smoke --openclaw 2026.9.6 --strength --scenario remote-paired-device-locality");
    expect(lines.filter((l) => l.includes("rerun:"))).toHaveLength(1);
  });

  it("says whether the break is met, and names an expectation that never failed", () => {
    expect(strengthSummary(strength({ break: 100 }))).toBe("strength 1/2 (50 %), 1 not applicable, below the break of 100 %");
    expect(strengthSummary(strength({ break: 50 }))).toBe("strength 1/2 (50 %), 1 not applicable, break 50 % met");
    const lines = strengthLines(strength({ unfailed: [{ scenario: "no-shared-token-created", expectation: "runtime-token", mutants: ["m"] }] }), plain);
    expect(lines).toContain("finding: no-shared-token-created runtime-token never failed under m, which should break it");
  });

  it("writes a sentence and a table row per mutant for the proof's Evidence", () => {
    const md = strengthMarkdown(strength());
    expect(md.join("\n")).toContain("this proof catches 1 of 2 fix-reverting variants of openclaw 2026.9.6 (1 more did not apply to this build)");
    expect(md).toContain("| `token-never-sent` | reverts token-never-sent \\| piped | KILLED | by local-token-handoff (runtime-token, resolve) |");
    expect(md.filter((l) => l.startsWith("| `"))).toHaveLength(3);
  });

  it("gives CTRF one test per mutant: caught passes, survived fails, not applicable is skipped", () => {
    const tests = strengthCtrfTests({ strength: withCatcher(), targets: [{ role: "single", target: registry }] } as Report);
    expect(tests.map((t) => [t.name, t.status, t.rawStatus])).toEqual([
      ["strength/token-never-sent", "passed", "killed"],
      ["strength/locality-ignored", "failed", "survived"],
      ["strength/old-layout", "skipped", "not-applicable"],
    ]);
    expect(tests[1]?.message).toBe("survived: remote-paired-device-locality not in this run; rerun: corepack pnpm smoke --openclaw 2026.9.6 --strength --scenario remote-paired-device-locality");
    expect(tests[0]?.extra.rerun).toBeNull();
    expect(strengthCtrfTests({} as Report)).toEqual([]);
  });
});
