import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.ts";
import { outputLines, proofArgs, readInputs, verdictOf } from "./inputs.ts";

describe("the action's inputs and outputs", () => {
  it("defaults: the workspace as head, 2026.6.5 as base, the proof set, the CLI's ready timeout", () => {
    expect(readInputs({})).toEqual({ head: ".", base: "2026.6.5", scenarios: [], readyTimeout: "", strengthBreak: "" });
    expect(readInputs({ INPUT_STRENGTH_BREAK: " 100 " }).strengthBreak).toBe("100");
    expect(() => readInputs({ INPUT_STRENGTH_BREAK: "101" })).toThrow(/strength-break '101' is not a per cent/);
    expect(readInputs({ INPUT_SCENARIOS: " local-token-handoff, fallback-local\nagent-tool-local ", INPUT_READY_TIMEOUT: "180" })).toMatchObject({ scenarios: ["local-token-handoff", "fallback-local", "agent-tool-local"], readyTimeout: "180" });
    expect(() => readInputs({ INPUT_READY_TIMEOUT: "3m" })).toThrow(UsageError);
  });

  it("maps them to proof arguments: a head path against the workspace, a version as given", () => {
    const exists = (p: string): boolean => p === "/ws/openclaw";
    const args = proofArgs({ head: "openclaw", base: "2026.6.5", scenarios: ["fallback-local"], readyTimeout: "200", strengthBreak: "90" }, "/ws", "/tmp/out", exists);
    expect(args).toEqual(["--base", "2026.6.5", "--head", "/ws/openclaw", "--scenario", "fallback-local", "--ready-timeout", "200", "--strength-break", "90", "--report-dir", "/tmp/out/reports", "--markdown", "/tmp/out/proof.md", "--ctrf", "/tmp/out/ctrf.json"]);
    expect(proofArgs({ head: ".", base: "2026.6.5", scenarios: [], readyTimeout: "", strengthBreak: "" }, "/ws", "/o", exists).slice(0, 4)).toEqual(["--base", "2026.6.5", "--head", "/ws"]);
    expect(proofArgs({ head: "2026.9.6", base: "2026.6.5", scenarios: [], readyTimeout: "", strengthBreak: "" }, "/ws", "/o", exists)[3]).toBe("2026.9.6");
    expect(proofArgs({ head: "build/openclaw", base: "2026.6.5", scenarios: [], readyTimeout: "", strengthBreak: "" }, "/ws", "/o", exists)[3]).toBe("/ws/build/openclaw");
  });

  it("the verdict is PASS only for a passed proof, and outputs are one line each", () => {
    expect([verdictOf({ status: "passed" }), verdictOf({ status: "failed" }), verdictOf({ status: "aborted" }), verdictOf(null)]).toEqual(["PASS", "FAIL", "INCOMPLETE", "INCOMPLETE"]);
    expect(outputLines({ verdict: "PASS", report: "/o/r.json" })).toBe("verdict=PASS\nreport=/o/r.json\n");
    expect(() => outputLines({ report: "a\nb" })).toThrow(/newline/);
  });
});
