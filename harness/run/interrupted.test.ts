import { describe, expect, it } from "vitest";
import { interruptedBy } from "./scenario.ts";

describe("a scenario cut short by the user is not a verdict (issue 14 §4)", () => {
  it("names the harness's signal, and not a gateway that died or a run still going", () => {
    const c = new AbortController();
    expect(interruptedBy(c.signal)).toBeNull();
    c.abort("SIGINT");
    expect(interruptedBy(c.signal)).toBe("SIGINT");
    const g = new AbortController();
    g.abort("gateway exited (code null, signal SIGKILL)");
    expect(interruptedBy(g.signal)).toBeNull();
  });
});
