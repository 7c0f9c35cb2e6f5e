import { describe, expect, it } from "vitest";
import { formatOwner, ownerState, parseOwner, selfOwner, type Owner } from "./owner.ts";

const here: Owner = { pid: 100, start: "5000", boot: "boot-a", pidns: "4026531836", host: "h1" };
const other: Owner = { ...here, pid: 200, start: "6000" };

describe("owner markers", () => {
  it("read back what was written, and refuse a half-written or foreign marker", () => {
    expect(parseOwner(formatOwner(other))).toEqual(other);
    const whole = formatOwner(other);
    expect(parseOwner(whole.slice(0, whole.length - 5))).toBeNull();
    expect(parseOwner(JSON.stringify({ ...other, tool: "someone-else" }))).toBeNull();
    expect(parseOwner(JSON.stringify({ tool: "openclaw-approval-smoke", pid: 200 }))).toBeNull();
    expect(parseOwner(JSON.stringify({ tool: "openclaw-approval-smoke", ...other, pid: -1 }))).toBeNull();
  });

  it("this process is alive by its own marker", () => {
    const me = selfOwner();
    expect(me.pid).toBe(process.pid);
    expect(me.start).toMatch(/^\d+$/);
    expect(ownerState(me, me, { state: "S", startTicks: me.start })).toEqual({ state: "alive" });
  });

  it("an owner is gone when its PID is free, a zombie, another process's now, or from an earlier boot", () => {
    expect(ownerState(other, here, null).state).toBe("gone");
    expect(ownerState(other, here, { state: "Z", startTicks: "6000" }).state).toBe("gone");
    expect(ownerState(other, here, { state: "S", startTicks: "6001" })).toEqual({ state: "gone", why: "pid 200 is another process now" });
    expect(ownerState({ ...other, boot: "boot-old" }, here, { state: "S", startTicks: "6000" }).state).toBe("gone");
    expect(ownerState(other, here, { state: "S", startTicks: "6000" })).toEqual({ state: "alive" });
  });

  it("an owner on another host or in another PID namespace cannot be judged from here", () => {
    expect(ownerState({ ...other, host: "h2" }, here, null).state).toBe("unknown");
    expect(ownerState({ ...other, pidns: "4026532000" }, here, null).state).toBe("unknown");
    expect(ownerState(other, { ...here, boot: "unknown" }, null).state).toBe("unknown");
  });
});
