import { describe, expect, it } from "vitest";
import { ownCpuMs, parseStatCpu, statCpu, treeCpuMs } from "./cpu.ts";

describe("CPU time from /proc", () => {
  it("reads utime, stime, cutime and cstime after a comm with spaces and parentheses", () => {
    const stat = "4242 (node (a) b) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 30 20 20 0 11 0 12345 1000 200";
    expect(parseStatCpu(stat)).toEqual({ ownMs: 3000, reapedMs: 500 });
    expect(parseStatCpu("garbage")).toBeNull();
    expect(parseStatCpu("1 (x) S 1 2")).toBeNull();
  });

  it("this process's own figures agree with process.cpuUsage to the tick, and a gone PID counts nothing", async () => {
    const self = await statCpu("self");
    expect(self).not.toBeNull();
    // /proc counts in 10 ms ticks; cpuUsage in microseconds.
    expect(Math.abs((self?.ownMs ?? 0) - ownCpuMs())).toBeLessThan(50);
    expect(await treeCpuMs(2 ** 22 + 7)).toBe(0);
  });
});
