import { describe, expect, it } from "vitest";
import { formatOwner } from "../hygiene/owner.ts";
import { checkDocker, reapDocker } from "./leftovers.ts";

describe("checkDocker", () => {
  it("passes with nothing left and names what is left otherwise", () => {
    expect(checkDocker(["r1"], []).pass).toBe(true);
    const left = checkDocker(["r1"], ["network abc"]);
    expect(left.pass).toBe(false);
    expect(left.offenders).toEqual(["network abc"]);
    expect(left.detail).toContain("openclaw-approval-smoke.run=r1");
  });
});

describe("reapDocker (a fake liveness oracle and a fake removal)", () => {
  it("removes a dead run's objects by its id, keeps a live run's, reports one without an owner label", async () => {
    const owner = (pid: number): string => formatOwner({ pid, start: "1", boot: "b", pidns: "1", host: "h" });
    const removed: string[] = [];
    const r = await reapDocker(
      new Map([["dead-run", owner(500)], ["live-run", owner(5)], ["old-run", ""]]),
      (o) => (o.pid < 100 ? { state: "alive" } : { state: "gone", why: "pid 500 is not running" }),
      async (id) => (removed.push(id), { removed: ["container c1", "network n1"], left: [] }),
    );
    expect(removed).toEqual(["dead-run"]);
    expect(r.removed.map((i) => i.what)).toEqual(["Docker object container c1 of run dead-run", "Docker object network n1 of run dead-run"]);
    expect(r.leftAlone).toEqual([{ kind: "Docker object", what: "Docker object of run old-run (all of them)", why: "no owner label" }]);
  });
});
