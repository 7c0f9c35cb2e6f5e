import { describe, expect, it } from "vitest";
import { checkPrContext, isMissingSection, lastSection } from "./pr-context-policy.ts";

const body = (problem: string, evidence: string): string => `## What Problem This Solves\n\n${problem}\n\n## Evidence\n\n${evidence}\n`;
const PROSE = "A separate approval-runtime process could not resolve approvals.";
const OUTPUT = "```text\nPASS  local-token-handoff\n```";

describe("checkPrContext: OpenClaw's PR-context rules", () => {
  it("passes authored prose under both headings, at any level from 2 to 6", () => {
    expect(checkPrContext(body(PROSE, OUTPUT))).toMatchObject({ ok: true, missing: [] });
    expect(checkPrContext(`#### What Problem This Solves (context)\n${PROSE}\n###### Evidence\n${OUTPUT}`).ok).toBe(true);
  });

  it("a missing heading, or a level-1 one, is missing", () => {
    expect(checkPrContext(`## Evidence\n${OUTPUT}`).missing).toEqual(["What Problem This Solves"]);
    expect(checkPrContext(`# What Problem This Solves\n${PROSE}\n## Evidence\n${OUTPUT}`).missing).toEqual(["What Problem This Solves"]);
  });

  for (const placeholder of ["", "n/a", "N/A.", "none", "Not applicable", "TBD", "todo", "unknown", "unsure", "none provided", "no evidence", "not tested", "untested", "did not test", "couldn't test", "-", "---", "***", "___", "[describe the problem]", "- n/a", "<!-- explain here -->", "```\n```", "<!--\nmulti-line\ncomment -->\nTBD"]) {
    it(`a section that is only ${JSON.stringify(placeholder)} is missing`, () => {
      expect(checkPrContext(body(placeholder, OUTPUT)).missing).toEqual(["What Problem This Solves"]);
      expect(checkPrContext(body(PROSE, placeholder)).missing).toEqual(["Evidence"]);
    });
  }

  it("a section ends at the next heading of its level or higher, not at a deeper one, nor at one inside a fence or comment", () => {
    expect(lastSection(`## Evidence\n### FAIL_TO_PASS\n| a |\n## Real behavior proof\nx`, "Evidence")).toBe("### FAIL_TO_PASS\n| a |");
    expect(checkPrContext(`## What Problem This Solves\n## Evidence\n${OUTPUT}\n${PROSE}`).missing).toEqual(["What Problem This Solves"]);
    expect(lastSection("## Evidence\n```\n## not a heading\n```\nmore", "Evidence")).toBe("```\n## not a heading\n```\nmore");
    expect(lastSection("## Evidence\n<!--\n## hidden\n-->\nmore", "Evidence")).toBe("<!--\n## hidden\n-->\nmore");
  });

  it("the last section under a heading counts: an empty one after a full one is missing", () => {
    expect(checkPrContext(`${body(PROSE, OUTPUT)}\n## Evidence\n\nn/a\n`).missing).toEqual(["Evidence"]);
    expect(isMissingSection("- real text")).toBe(false);
  });
});
