import { describe, expect, it } from "vitest";
import { checkFiles, checkPorts, checkProcesses, checkSecrets } from "./checks.ts";

describe("hygiene checks (pure, over hand-made snapshots)", () => {
  it("passes when nothing outside changed", () => {
    const snap = { "/tmp/openclaw": "absent", "/tmp/openclaw-state-locks-0": "1:4096" };
    expect(checkFiles(snap, snap, []).pass).toBe(true);
  });

  it("flags a created /tmp/openclaw log and a touched one", () => {
    const before = { "/tmp/openclaw": "1:10", "/tmp/openclaw/openclaw-2026-11-24.log": "1:10" };
    const after = { "/tmp/openclaw": "1:10", "/tmp/openclaw/openclaw-2026-11-24.log": "2:20", "/tmp/openclaw/new.log": "3:1" };
    const c = checkFiles(before, after, []);
    expect(c.pass).toBe(false);
    expect(c.offenders).toEqual(["/tmp/openclaw/openclaw-2026-11-24.log (modified)", "/tmp/openclaw/new.log (created)"]);
  });

  it("flags only this run's lock files, not other runs' ones", () => {
    const after = { "/tmp/openclaw-state-locks-0": "2:1", "/tmp/openclaw-state-locks-0/state-handles.aaaa1111.lock.sqlite": "1:1", "/tmp/openclaw-state-locks-0/state-handles.bbbb2222.lock.sqlite": "1:1" };
    const c = checkFiles({}, after, ["aaaa1111"]);
    expect(c.offenders).toEqual(["/tmp/openclaw-state-locks-0/state-handles.aaaa1111.lock.sqlite (this run's lock file left behind)"]);
  });

  it("processes, ports and secrets fail on any offender", () => {
    expect(checkProcesses(["pid 5: node"]).pass).toBe(false);
    expect(checkProcesses([]).pass).toBe(true);
    expect(checkPorts([4000], 3)).toMatchObject({ pass: false, offenders: ["4000"] });
    expect(checkSecrets(new Map([["a.log", ["gateway-token"]], ["b.log", []]]), 2)).toMatchObject({ pass: false, offenders: ["a.log: gateway-token"] });
  });
});
