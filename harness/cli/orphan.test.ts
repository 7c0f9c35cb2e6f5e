import { describe, expect, it } from "vitest";
import { muteWhenOrphaned, watchParent, type Writable } from "./orphan.ts";

/** A fake stream that records what reached it. */
function recordingStream(): Writable & { seen: string[] } {
  const seen: string[] = [];
  return { seen, write: (chunk) => (seen.push(String(chunk)), true) };
}

describe("muteWhenOrphaned (fake streams, fake parent lookup)", () => {
  it("passes writes through while the parent lives, drops them once the process is re-parented", () => {
    const out = recordingStream();
    const err = recordingStream();
    let parent = 100;
    const orphaned = muteWhenOrphaned([out, err], 100, () => parent);
    out.write("table\n");
    err.write("progress\n");
    expect(orphaned()).toBe(false);
    parent = 1;
    out.write("late table\n");
    err.write("late progress\n");
    expect(out.seen).toEqual(["table\n"]);
    expect(err.seen).toEqual(["progress\n"]);
    expect(orphaned()).toBe(true);
  });

  it("stays muted even if the parent id came back (a reused PID is not the parent)", () => {
    const out = recordingStream();
    let parent = 100;
    muteWhenOrphaned([out], 100, () => parent);
    parent = 1;
    out.write("dropped\n");
    parent = 100;
    out.write("still dropped\n");
    expect(out.seen).toEqual([]);
  });

  it("calls a dropped write's callback, so whoever waits on it is not left hanging", () => {
    const out = recordingStream();
    muteWhenOrphaned([out], 100, () => 1);
    let called = false;
    out.write("x", () => (called = true));
    expect(called).toBe(true);
  });
});

describe("watchParent (fake parent lookup)", () => {
  it("calls back once when the parent changes, and not while it stays", async () => {
    let parent = 100;
    let calls = 0;
    const stop = watchParent(100, () => parent, () => (calls += 1), 5);
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(0);
    parent = 1;
    await new Promise((r) => setTimeout(r, 30));
    parent = 7;
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(1);
    stop();
  });
});
