import { describe, expect, it } from "vitest";
import { createSlots } from "./limit.ts";
import { gatewaySlots } from "./memory.ts";

const GB = 1024 ** 3;

describe("gatewaySlots", () => {
  it("runs every gateway at once when memory allows", () => {
    expect(gatewaySlots(20 * GB, 4, Infinity, 1.8 * GB)).toBe(4);
  });
  it("limits to what fits, and never below one", () => {
    expect(gatewaySlots(4 * GB, 4, Infinity, 1.8 * GB)).toBe(2);
    expect(gatewaySlots(0.5 * GB, 4, Infinity, 1.8 * GB)).toBe(1);
  });
  it("never more gateways at once than cores", () => {
    expect(gatewaySlots(20 * GB, 4, 2, 1.8 * GB)).toBe(2);
    expect(gatewaySlots(20 * GB, 4, 1, 1.8 * GB)).toBe(1);
    expect(gatewaySlots(3 * GB, 4, 8, 1.8 * GB)).toBe(1);
  });
});

describe("createSlots", () => {
  it("never runs more than n tasks at once", async () => {
    const slots = createSlots(2);
    let running = 0;
    let peak = 0;
    const task = async (): Promise<void> => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
    };
    await Promise.all(Array.from({ length: 5 }, () => slots.run(task)));
    expect(peak).toBe(2);
  });

  it("starts the waiting task of highest priority first, ties in arrival order, even those submitted in one turn", async () => {
    const slots = createSlots(1);
    const order: string[] = [];
    const task = (name: string) => async (): Promise<void> => {
      order.push(name);
      await new Promise((r) => setImmediate(r));
    };
    await Promise.all([slots.run(task("short"), 10), slots.run(task("long"), 40), slots.run(task("mid-a"), 20), slots.run(task("mid-b"), 20), slots.run(task("none"))]);
    expect(order).toEqual(["long", "mid-a", "mid-b", "short", "none"]);
  });

  it("frees its slot when a task throws", async () => {
    const slots = createSlots(1);
    await expect(slots.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await slots.run(() => Promise.resolve(7))).toBe(7);
  });

  it("a task that releases its slot early lets the next start while it finishes, and releasing twice frees one slot", async () => {
    const slots = createSlots(1);
    const order: string[] = [];
    let finishTeardown: () => void = () => undefined;
    const teardown = new Promise<void>((r) => (finishTeardown = r));
    const first = slots.run(async (release) => {
      order.push("first: scenarios");
      release();
      release();
      await teardown;
      order.push("first: torn down");
    });
    const second = slots.run(async () => {
      order.push("second: started");
      finishTeardown();
    });
    const third = slots.run(async () => {
      order.push("third: started");
    });
    await Promise.all([first, second, third]);
    expect(order).toEqual(["first: scenarios", "second: started", "first: torn down", "third: started"]);
  });
});
