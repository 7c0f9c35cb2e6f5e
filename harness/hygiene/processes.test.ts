import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { newTracker, trackPid } from "../run/run.ts";
import { checkProcesses } from "./checks.ts";
import { processStart } from "./pid-identity.ts";
import { processesMentioning, trackedStillRunning } from "./probe.ts";

const SANDBOX = "/tmp/openclaw-smoke-processes-test-never-created";
const children: Array<{ kill(sig: NodeJS.Signals): boolean }> = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

/** The processes check as run.ts makes it. */
async function processesCheck(tracker: ReturnType<typeof newTracker>) {
  return checkProcesses(await processesMentioning([SANDBOX]), await trackedStillRunning(tracker.pidStarts), tracker.pidStarts.size);
}

describe("processes check by tracked PID", () => {
  it("a tracked child that carries no sandbox path (like the netns tap) and still runs fails the check", async () => {
    const child = spawn("sleep", ["30"], { env: { PATH: process.env.PATH ?? "/usr/bin:/bin" }, stdio: "ignore" });
    children.push(child);
    const tracker = newTracker();
    trackPid(tracker, child.pid as number);
    const c = await processesCheck(tracker);
    expect(c.pass).toBe(false);
    expect(c.offenders).toEqual([`pid ${child.pid}: sleep 30`]);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect((await processesCheck(tracker)).pass).toBe(true);
  });

  it("a tracked PID now naming another process (reused) is not an offender", async () => {
    const tracker = newTracker();
    tracker.pids.add(process.pid);
    tracker.pidStarts.set(process.pid, String(Number(processStart(process.pid)) - 1)); // recorded for an earlier process
    expect((await processesCheck(tracker)).pass).toBe(true);
  });
});
