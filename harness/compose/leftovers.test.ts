import { describe, expect, it } from "vitest";
import { checkDocker } from "./leftovers.ts";

describe("checkDocker", () => {
  it("passes with nothing left and names what is left otherwise", () => {
    expect(checkDocker(["r1"], []).pass).toBe(true);
    const left = checkDocker(["r1"], ["network abc"]);
    expect(left.pass).toBe(false);
    expect(left.offenders).toEqual(["network abc"]);
    expect(left.detail).toContain("openclaw-approval-smoke.run=r1");
  });
});
