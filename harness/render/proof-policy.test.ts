import { describe, it, expect } from "vitest";
import { checkProofPolicy } from "./proof-policy.ts";

const GOOD = [
  "Intro text.",
  "",
  "### Real behavior proof",
  "",
  "- **Behavior or issue addressed**: the runtime token handoff",
  "- **Real environment tested**: linux, openclaw 2026.9.6",
  "- **Exact steps or command run after this patch**: `pnpm smoke`",
  "- **Evidence after fix**: terminal output:",
  "```text",
  "PASS  local-token-handoff",
  "PASSED",
  "```",
  "- **Observed result after fix**: the approval resolved",
  "- **What was not tested**: none",
  "",
  "## Next section",
  "Not tested: this is outside the section",
].join("\n");

const swap = (from: string, to: string): string => GOOD.replace(from, to);

describe("checkProofPolicy", () => {
  it("accepts a complete section with bullets, bold labels and 'none' for what was not tested", () => {
    const c = checkProofPolicy(GOOD);
    expect(c.problems).toEqual([]);
    expect(c.ok).toBe(true);
    expect(c.fields.evidence).toBe("terminal output:\n```text\nPASS  local-token-handoff\nPASSED\n```");
    expect(c.fields.notTested).toBe("none");
  });

  it("needs the heading at level 2 to 6", () => {
    expect(checkProofPolicy(swap("### Real", "# Real")).problems[0]).toMatch(/no '## Real behavior proof' section/);
    expect(checkProofPolicy(swap("### Real", "###### Real")).ok).toBe(true);
  });

  it("rejects missing, empty and placeholder fields", () => {
    expect(checkProofPolicy(swap("- **Real environment tested**: linux, openclaw 2026.9.6\n", "")).problems).toEqual([
      "field 'Real environment tested' is missing or only a placeholder",
    ]);
    expect(checkProofPolicy(swap("the approval resolved", "n/a")).problems).toContain("field 'Observed result after fix' is missing or only a placeholder");
    expect(checkProofPolicy(swap("the runtime token handoff", "[describe the behavior]")).ok).toBe(false);
    expect(checkProofPolicy(swap("**What was not tested**: none", "**What was not tested**: tbd")).ok).toBe(false);
  });

  it("rejects a section with a lone 'not tested' line", () => {
    const c = checkProofPolicy(swap("- **Observed result after fix**: the approval resolved", "- **Observed result after fix**: the approval resolved\n- not tested"));
    expect(c.ok).toBe(false);
    expect(c.problems.join("\n")).toMatch(/says only "- not tested"/);
  });

  it("rejects mock-only evidence and evidence without real output", () => {
    const mock = checkProofPolicy(swap("terminal output:\n```text\nPASS  local-token-handoff\nPASSED\n```", "pnpm test passes with vitest mocks"));
    expect(mock.problems.join("\n")).toMatch(/mock-only/);
    const none = checkProofPolicy(swap("terminal output:\n```text\nPASS  local-token-handoff\nPASSED\n```", "it works"));
    expect(none.problems.join("\n")).toMatch(/no real output/);
    expect(checkProofPolicy(swap("terminal output:\n```text\nPASS  local-token-handoff\nPASSED\n```", "ran node harness/cli/main.ts smoke")).ok).toBe(true);
  });

  it("rejects a fenced line starting with '#': it cuts the section short", () => {
    const c = checkProofPolicy(swap("PASSED\n```", "# PASSED\n```"));
    expect(c.ok).toBe(false);
    expect(c.problems.join("\n")).toMatch(/inside a fenced block starts with '#'/);
    expect(c.problems.join("\n")).toMatch(/Observed result after fix/);
  });
});
