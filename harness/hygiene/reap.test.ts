import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { dir } from "tmp-promise";
import { afterAll, describe, expect, it } from "vitest";
import { formatOwner, OWNER_FILE, type Owner, type OwnerState } from "./owner.ts";
import { decide, reapCheck, reapItem, reapLine, reapRunFolders, type Found } from "./reap.ts";

const tmp = await dir({ unsafeCleanup: true, prefix: "reap-test-" });
afterAll(() => tmp.cleanup());

const owner = (pid: number): Owner => ({ pid, start: "1", boot: "b", pidns: "1", host: "h" });
/** A fake liveness oracle: pids 1-99 alive, 900+ on another host, the rest gone. */
const fakeState = (o: Owner): OwnerState => (o.pid < 100 ? { state: "alive" } : o.pid >= 900 ? { state: "unknown", why: "made on host h2" } : { state: "gone", why: `pid ${o.pid} is not running` });
const uid = process.getuid?.() ?? 0;

describe("decide", () => {
  const f = (marker: Found["marker"], u = uid): Found => ({ path: "/t/openclaw-smoke-x", uid: u, marker });
  it("reaps only a whole marker whose owner is gone, of this user", () => {
    expect(decide(f({ owner: owner(500) }), uid, fakeState)).toEqual({ action: "reap", why: "its harness (pid 500) is gone: pid 500 is not running" });
    expect(decide(f({ owner: owner(5) }), uid, fakeState)).toEqual({ action: "keep" });
    expect(decide(f({ owner: owner(950) }), uid, fakeState).action).toBe("leave");
    expect(decide(f({ owner: null, why: "owner marker is not whole" }), uid, fakeState)).toEqual({ action: "leave", why: "owner marker is not whole" });
    expect(decide(f({ owner: owner(500) }, uid + 1), uid, fakeState)).toEqual({ action: "leave", why: `belongs to uid ${uid + 1}` });
  });
});

describe("reapRunFolders (real folders, a fake liveness oracle)", () => {
  it("removes a dead run's folder, keeps a live run's, reports and keeps one without a whole marker", async () => {
    const root = join(tmp.path, "sweep");
    const mk = async (name: string, marker: string | null): Promise<string> => {
      const d = join(root, name);
      await mkdir(join(d, ".openclaw"), { recursive: true });
      await writeFile(join(d, ".openclaw", "exec-approvals.json"), '{"socket":{"token":"planted"}}');
      if (marker !== null) await writeFile(join(d, OWNER_FILE), marker);
      return d;
    };
    const dead = await mk("openclaw-smoke-dead", formatOwner(owner(500)));
    const live = await mk("openclaw-smoke-live", formatOwner(owner(5)));
    const half = await mk("openclaw-smoke-half", formatOwner(owner(500)).slice(0, 20));
    const none = await mk("openclaw-smoke-none", null);
    const far = await mk("openclaw-smoke-far", formatOwner(owner(950)));
    const unrelated = await mk("something-else", formatOwner(owner(500)));
    const r = await reapRunFolders(root, fakeState);
    expect(existsSync(dead)).toBe(false);
    for (const d of [live, half, none, far, unrelated]) expect(existsSync(d)).toBe(true);
    expect(r.removed.map((i) => i.what)).toEqual([`folder ${dead}`]);
    expect(r.leftAlone.map((i) => i.what).sort()).toEqual([`folder ${far}`, `folder ${half}`, `folder ${none}`].sort());
    expect(r.failed).toEqual([]);
    expect(reapLine(r, root)).toMatch(/^reaper: removed 1 folder left by dead runs in .*; left alone 3 \(/);
    const check = reapCheck(r);
    expect(check).toMatchObject({ id: "reaped", pass: true, offenders: [] });
    expect(check.reaped).toEqual([`folder ${dead} (its harness (pid 500) is gone: pid 500 is not running)`]);
    expect(check.leftAlone).toHaveLength(3);
  });

  it("says so when there is nothing, and fails the check when a removal failed", () => {
    expect(reapLine({ removed: [], leftAlone: [], failed: [] }, "/t")).toBe("reaper: nothing left by dead runs in /t");
    const c = reapCheck({ removed: [], leftAlone: [], failed: [reapItem("folder", "/t/x", "EACCES")] });
    expect(c.pass).toBe(false);
    expect(c.offenders).toEqual(["folder /t/x: EACCES"]);
  });
});
