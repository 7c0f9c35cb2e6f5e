import { describe, expect, it } from "vitest";
import { SAMPLES } from "../evidence/sample-reports.ts";
import { missingVersionOutcomes } from "./merge.ts";

describe("missingVersionOutcomes (sample report, no runners)", () => {
  const have = { version: "2026.6.6", report: SAMPLES["smoke-pass"](), reportPath: "a/report.json", logTail: null };
  it("makes a broken row for every expected version without a report, and none when nothing was expected", () => {
    const rows = missingVersionOutcomes(["2026.6.5", "2026.6.6", "2026.6.8"], [have]);
    expect(rows.map((r) => r.version)).toEqual(["2026.6.5", "2026.6.8"]);
    expect(rows[0]).toMatchObject({ failure: { class: "broken" } });
    expect("failure" in rows[0]! && rows[0].failure.reason).toContain("no report.json came back for openclaw 2026.6.5");
    expect(missingVersionOutcomes(null, [have])).toEqual([]);
  });
});
