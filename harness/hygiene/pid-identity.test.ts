import { describe, expect, it } from "vitest";
import { liveTracked, parseProcStat, processStart, readProcStat, type ProcStat } from "./pid-identity.ts";

const stat = (comm: string, state: string, start: number): string =>
  `4242 (${comm}) ${state} 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 ${start} 1000000 200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0`;

describe("parseProcStat", () => {
  it("reads state and start time, also when the command name holds spaces and parentheses", () => {
    expect(parseProcStat(stat("node", "S", 123456))).toEqual({ state: "S", startTicks: "123456" });
    expect(parseProcStat(stat("a) b (c", "Z", 99))).toEqual({ state: "Z", startTicks: "99" });
    expect(parseProcStat("garbage")).toBeNull();
  });

  it("reads this very process", () => {
    expect(readProcStat(process.pid)?.state).toMatch(/^[RSD]$/);
    expect(processStart(process.pid)).toMatch(/^\d+$/);
  });
});

describe("liveTracked", () => {
  const table = (rows: Record<number, ProcStat>) => (pid: number): ProcStat | null => rows[pid] ?? null;

  it("reports a tracked PID whose own process still runs, not a reused, zombie, gone or never-seen one", () => {
    const started = new Map<number, string | null>([
      [10, "500"], // still ours
      [11, "500"], // reused: another process, started later
      [12, "500"], // zombie
      [13, "500"], // gone
      [14, null], // already gone when tracked
    ]);
    const now = table({ 10: { state: "S", startTicks: "500" }, 11: { state: "S", startTicks: "900" }, 12: { state: "Z", startTicks: "500" }, 14: { state: "S", startTicks: "1" } });
    expect(liveTracked(started, now)).toEqual([10]);
  });
});
