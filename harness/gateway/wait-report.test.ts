import { describe, expect, it } from "vitest";
import { shouldReportWait } from "./gateway.ts";

describe("readiness retries in the log (issue 14 §4: --verbose flooded)", () => {
  it("reports the first retry, a changed reason at once, and the same reason at most once a second", () => {
    expect(shouldReportWait(null, "ECONNREFUSED", 0)).toBe(true);
    const last = { reason: "ECONNREFUSED", at: 1000 };
    expect(shouldReportWait(last, "ECONNREFUSED", 1050)).toBe(false);
    expect(shouldReportWait(last, "ECONNREFUSED", 1999)).toBe(false);
    expect(shouldReportWait(last, "ECONNREFUSED", 2000)).toBe(true);
    expect(shouldReportWait(last, "UNAVAILABLE gateway starting", 1050)).toBe(true);
    // 225 lines at 50 ms for 10 s of ECONNREFUSED become 10.
    let reported: { reason: string; at: number } | null = null;
    let lines = 0;
    for (let t = 0; t < 10_000; t += 50) {
      if (shouldReportWait(reported, "ECONNREFUSED", t)) {
        reported = { reason: "ECONNREFUSED", at: t };
        lines += 1;
      }
    }
    expect(lines).toBe(10);
  });
});
