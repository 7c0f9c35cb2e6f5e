import { describe, it, expect } from "vitest";
import { renderTerminal } from "./terminal.ts";
import { SAMPLES, PLANTED } from "../evidence/sample-reports.ts";
import type { Report } from "../evidence/types.ts";

const ANSI = /\u001b\[[0-9;]*m/g;

function variant(): Report {
  const r = SAMPLES["smoke-pass"]();
  const t = r.targets[0];
  if (!t || t.scenarios.length < 4) throw new Error("sample too small");
  t.scenarios[1] = { ...t.scenarios[1]!, status: "skipped", skipReason: "needs unprivileged user namespaces" };
  t.scenarios[2] = { ...t.scenarios[2]!, status: "not-run", skipReason: "the gateway group failed first" };
  t.scenarios[3] = { ...t.scenarios[3]!, status: "failed", deciding: "token = derived, no device, no resolve, requester got nothing", findings: ["runtime process\nprinted two lines"] };
  r.status = "failed";
  r.hygiene[1] = { id: "files", pass: false, detail: "1 path(s) outside the sandbox created or touched", offenders: ["/tmp/openclaw/openclaw-2026-09-14.log (created)"] };
  return r;
}

describe("renderTerminal", () => {
  it("one aligned line per scenario and a closing status line", () => {
    const out = renderTerminal(SAMPLES["smoke-pass"](), { color: false });
    const lines = out.split("\n");
    expect(lines[0]).toMatch(/^target {2}openclaw 2026\.9\.6 \(registry openclaw@2026\.9\.6/);
    const rows = lines.filter((l) => l.startsWith("PASS "));
    expect(rows).toHaveLength(4);
    const col = rows.map((l) => /^PASS {2}\S+ +/.exec(l)?.[0].length);
    expect(new Set(col).size).toBe(1);
    expect(rows[0]).toContain("local-token-handoff");
    expect(rows[0]).toContain("token = derived, no device, exec.approval.resolve ok, requester got allow-once");
    expect(lines.at(-1)).toBe("PASSED  4 passed, 0 failed, 0 skipped, 0 not run, hygiene 4/4 clean, total 20.9 s");
    expect(out).not.toMatch(ANSI);
  });

  it("prefixes roles and prints the comparison table for a proof", () => {
    const out = renderTerminal(SAMPLES.proof(), { color: false });
    const lines = out.split("\n");
    expect(lines.filter((l) => l.startsWith("base  FAIL"))).toHaveLength(4);
    expect(lines.filter((l) => l.startsWith("head  PASS"))).toHaveLength(4);
    expect(lines).toContain("local-token-handoff         runtime-token       fail  pass  FAIL_TO_PASS");
    expect(lines).toContain("env-url-omission            device-identity     fail  pass  FAIL_TO_PASS");
    expect(lines.at(-1)).toMatch(/^PASSED {2}base: 0 passed, 4 failed.*head: 4 passed.*comparison 22\/22 rows hold/);
  });

  it("marks a comparison row that does not hold", () => {
    const r = SAMPLES.proof();
    const row = r.comparison?.find((x) => x.scenario === "local-token-handoff" && x.expectation === "device-identity");
    if (!row) throw new Error("no comparison");
    r.comparison = r.comparison!.map((x) => (x === row ? { ...row, head: "fail" as const, class: "PASS_TO_FAIL" as const, holds: false } : x));
    const out = renderTerminal(r, { color: false });
    expect(out).toMatch(/local-token-handoff +device-identity +pass +fail +PASS_TO_FAIL +✗ does not hold \(declared PASS_TO_PASS\)/);
    expect(out).toContain("comparison 21/22 rows hold");
  });

  it("skipped, not run and hygiene failures look distinct; text stays on one line", () => {
    const out = renderTerminal(variant(), { color: false });
    expect(out).toMatch(/^SKIP +env-url-omission +skipped: needs unprivileged user namespaces$/m);
    expect(out).toMatch(/^NOT RUN +configured-remote-identity +not run: the gateway group failed first$/m);
    expect(out).toContain("  finding: runtime process printed two lines");
    expect(out).toContain("hygiene FAIL  files: 1 path(s) outside the sandbox created or touched (/tmp/openclaw/openclaw-2026-09-14.log (created))");
    expect(out.split("\n").at(-1)).toBe("FAILED  1 passed, 1 failed, 1 skipped, 1 not run, hygiene 3/4 clean, total 20.9 s");
  });

  it("colours verdicts when asked, and the text without colour is the same", () => {
    const r = variant();
    const coloured = renderTerminal(r, { color: true });
    expect(coloured).toContain("\u001b[32mPASS\u001b[0m");
    expect(coloured).toContain("\u001b[33mSKIP\u001b[0m");
    expect(coloured).toContain("\u001b[90mNOT RUN\u001b[0m");
    expect(coloured.replace(ANSI, "")).toBe(renderTerminal(r, { color: false }));
  });

  it("shows an aborted run's reason and never a planted secret", () => {
    const r = SAMPLES["smoke-pass"]();
    r.status = "aborted";
    r.abortReason = "interrupted by SIGINT";
    const out = renderTerminal(r, { color: false });
    expect(out).toContain("aborted: interrupted by SIGINT");
    expect(out.split("\n").at(-1)).toMatch(/^ABORTED/);
    for (const s of Object.values(PLANTED)) expect(out).not.toContain(s.trim());
  });
});
