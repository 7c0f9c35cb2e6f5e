import { describe, expect, it } from "vitest";
import { pathForOthers } from "./session.ts";

describe("pathForOthers", () => {
  it("names a report under the working directory relative to it", () => {
    expect(pathForOthers("/w/repo/reports/r1/report.json", "/w/repo")).toBe("reports/r1/report.json");
  });
  it("keeps a report elsewhere as given", () => {
    expect(pathForOthers("/elsewhere/r1/report.json", "/w/repo")).toBe("/elsewhere/r1/report.json");
  });
});
