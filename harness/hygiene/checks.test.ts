import { describe, expect, it } from "vitest";
import { checkFiles, checkNetwork, checkPorts, checkProcesses, checkSecrets, type FilesScope } from "./checks.ts";

const SCOPE: FilesScope = { places: ["/tmp/openclaw", "/tmp/openclaw-state-locks-0", "/home/u/.openclaw"], depth: 3, tmpRoots: ["/tmp"] };

describe("hygiene checks (pure, over hand-made snapshots)", () => {
  it("passes when nothing outside changed", () => {
    const snap = { "/tmp/openclaw": "absent", "/tmp/openclaw-state-locks-0": "1:4096" };
    expect(checkFiles(snap, snap, [], SCOPE).pass).toBe(true);
  });

  it("flags a created /tmp/openclaw log and a touched one", () => {
    const before = { "/tmp/openclaw": "1:10", "/tmp/openclaw/openclaw-2026-11-24.log": "1:10" };
    const after = { "/tmp/openclaw": "1:10", "/tmp/openclaw/openclaw-2026-11-24.log": "2:20", "/tmp/openclaw/new.log": "3:1" };
    const c = checkFiles(before, after, [], SCOPE);
    expect(c.pass).toBe(false);
    expect(c.offenders).toEqual(["/tmp/openclaw/openclaw-2026-11-24.log (modified)", "/tmp/openclaw/new.log (created)"]);
  });

  it("flags only this run's lock files, not other runs' ones", () => {
    const after = { "/tmp/openclaw-state-locks-0": "2:1", "/tmp/openclaw-state-locks-0/state-handles.aaaa1111.lock.sqlite": "1:1", "/tmp/openclaw-state-locks-0/state-handles.bbbb2222.lock.sqlite": "1:1" };
    const c = checkFiles({}, after, ["aaaa1111"], SCOPE);
    expect(c.offenders).toEqual(["/tmp/openclaw-state-locks-0/state-handles.aaaa1111.lock.sqlite (this run's lock file left behind)"]);
  });

  it("processes, ports and secrets fail on any offender", () => {
    expect(checkProcesses(["pid 5: node"]).pass).toBe(false);
    expect(checkProcesses([]).pass).toBe(true);
    expect(checkPorts([4000], 3)).toMatchObject({ pass: false, offenders: ["4000"] });
    expect(checkSecrets(new Map([["a.log", ["gateway-token"]], ["b.log", []]]), 2)).toMatchObject({ pass: false, offenders: ["a.log: gateway-token"] });
  });

  it("says exactly which places it checked, and fails when the lock naming is unverified", () => {
    const snap = { "/tmp/openclaw": "absent" };
    expect(checkFiles(snap, snap, [], SCOPE).detail).toBe(
      "nothing created outside the sandbox and report folder, and /tmp/openclaw not touched (checked: /tmp/openclaw, /tmp/openclaw-state-locks-0, /home/u/.openclaw (each to depth 3) and the entries named *openclaw* in /tmp)",
    );
    const unverified = { status: "unverified" as const, detail: "lock naming UNVERIFIED: …", unexplained: ["/tmp/openclaw-state-locks-0/x.ffff.lock.sqlite"] };
    const c = checkFiles(snap, snap, ["aaaa1111"], SCOPE, unverified);
    expect(c.pass).toBe(false);
    expect(c.offenders).toEqual(["/tmp/openclaw-state-locks-0/x.ffff.lock.sqlite (lock file of unverified naming: may be this run's)"]);
    expect(c.detail).toContain("lock naming UNVERIFIED");
  });

  it("flags a file created deep inside a checked place (the real user's ~/.openclaw)", () => {
    const before = { "/home/u/.openclaw": "1:4096", "/home/u/.openclaw/agents": "1:4096" };
    const after = { ...before, "/home/u/.openclaw/agents/main/sessions.json": "2:10" };
    expect(checkFiles(before, after, [], SCOPE).offenders).toEqual(["/home/u/.openclaw/agents/main/sessions.json (created)"]);
  });

  it("processes: a tracked PID still running is an offender, listed once even when it also mentions a sandbox", () => {
    const c = checkProcesses(["pid 7: node gw", "pid 9: sh -c x"], ["pid 7: node gw"], 3);
    expect(c).toMatchObject({ pass: false, offenders: ["pid 7: node gw", "pid 9: sh -c x"] });
    expect(checkProcesses([], [], 3).detail).toBe("none of 3 tracked process(es) still running, and no process mentions a sandbox");
  });

  it("network: passes with nothing created, fails on a namespace or link left", () => {
    expect(checkNetwork([], [])).toMatchObject({ id: "network", pass: true, detail: "no network namespace or link created" });
    const created = [{ kind: "netns" as const, name: "smoke-ab12" }, { kind: "link" as const, name: "svab12h" }];
    expect(checkNetwork(created, [])).toMatchObject({ pass: true });
    expect(checkNetwork(created, [created[0]!])).toMatchObject({ pass: false, offenders: ["network namespace smoke-ab12 still exists"] });
  });
});
