import { describe, expect, it } from "vitest";
import { reportPathFromStderr } from "./measure.ts";

describe("reportPathFromStderr: the bench reads the report the run wrote, not its stdout", () => {
  it("takes the last report line the CLI printed on stderr", () => {
    const stderr = "18:00:01 … head: local-token-handoff\nreport: /r/bench/20261207T1-smoke-a/report.json\nnoise\nreport: /r/bench/20261207T2-proof-b/report.json\n";
    expect(reportPathFromStderr(stderr)).toBe("/r/bench/20261207T2-proof-b/report.json");
  });

  it("finds none in progress lines that only mention a report", () => {
    expect(reportPathFromStderr("error: bench: wrote no report\n  report: none\n")).toBeNull();
    expect(reportPathFromStderr("")).toBeNull();
  });
});
