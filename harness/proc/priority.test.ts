import { spawn } from "node:child_process";
import { getPriority } from "node:os";
import { describe, expect, it } from "vitest";
import { canRestorePriority, LOADING_NICE, setNice } from "./priority.ts";

describe("loading priority of prepared runtime processes", () => {
  it("only a root harness lowers priority, since only it can give it back", () => {
    expect(canRestorePriority(0)).toBe(true);
    expect(canRestorePriority(1000)).toBe(false);
    expect(canRestorePriority(null)).toBe(false);
  });

  it("lowers a child's priority and, when privileged, restores it; a gone process is reported, not thrown", async () => {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 10000)"], { stdio: "ignore" });
    const pid = child.pid as number;
    try {
      expect(setNice(pid, LOADING_NICE)).toBe(true);
      expect(getPriority(pid)).toBe(LOADING_NICE);
      expect(setNice(pid, 0)).toBe(canRestorePriority());
      expect(getPriority(pid)).toBe(canRestorePriority() ? 0 : LOADING_NICE);
    } finally {
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
    }
    expect(setNice(pid, 0)).toBe(false);
  });
});
