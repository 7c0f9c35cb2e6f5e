import { describe, expect, it } from "vitest";
import { prepareAll } from "./prepare-all.ts";

/** A fake preparation: each scenario "opens" a resource after a delay; the one named "bad" fails. */
function fakes(delays: Record<string, number>) {
  const open = new Set<string>();
  const prepare = async (id: string): Promise<string> => {
    await new Promise((r) => setTimeout(r, delays[id] ?? 0));
    if (id === "bad") throw new Error("tap could not listen");
    open.add(id);
    return id;
  };
  const release = async (id: string): Promise<void> => void open.delete(id);
  return { open, prepare, release };
}

describe("prepareAll", () => {
  it("returns every preparation, in scenario order, when all succeed", async () => {
    const f = fakes({ a: 20, b: 0 });
    expect(await prepareAll(["a", "b"], f.prepare, f.release)).toEqual(["a", "b"]);
    expect([...f.open].sort()).toEqual(["a", "b"]);
  });

  it("when one preparation rejects, releases what the others opened (also those finishing later) and rethrows", async () => {
    const f = fakes({ a: 0, bad: 5, c: 30 });
    await expect(prepareAll(["a", "bad", "c"], f.prepare, f.release)).rejects.toThrow("tap could not listen");
    // Give a preparation that was still running in the old code (Promise.all) time to finish opening.
    await new Promise((r) => setTimeout(r, 50));
    expect([...f.open]).toEqual([]);
  });

  it("a release that fails does not hide the preparation's error", async () => {
    const f = fakes({ bad: 5 });
    await expect(prepareAll(["a", "bad"], f.prepare, () => Promise.reject(new Error("release failed")))).rejects.toThrow("tap could not listen");
  });
});
