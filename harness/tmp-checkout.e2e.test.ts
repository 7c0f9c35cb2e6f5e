/**
 * A checkout under /tmp (issue 14 §1): the shared run (e2e-shared-run.ts) runs from a copy of this checkout under
 * /tmp, with a space in its path, so the checkout, its Node binary and the pinned target all live where the isolated
 * runtime's private /tmp would hide them. Both isolation scenarios must still run, with what they need made visible
 * read-only from the copy and never from the original checkout.
 */
import { describe, expect, it } from "vitest";
import { isolationSupport } from "./isolation/support.ts";
import { REPO } from "./e2e-helpers.ts";
import { pick, sharedRun, SHARED_RUN_TIMEOUT_MS } from "./e2e-shared-run.ts";

const support = await isolationSupport();

describe("a checkout under /tmp (issue 14 §1)", () => {
  it("runs both isolation scenarios from a copy of the checkout under /tmp, with what they need visible read-only", { timeout: SHARED_RUN_TIMEOUT_MS }, async (ctx) => {
    if (!support.ok) ctx.skip(`isolation not exercised on this host: ${support.reason ?? ""}`);
    const run = await sharedRun();
    expect(run.clone.startsWith("/tmp/")).toBe(true);
    expect(run.clone).toContain(" ");
    const [handoff, other] = pick(run, ["isolated-runtime-handoff", "isolated-runtime-other-user"]);
    expect(handoff?.status, handoff?.deciding).toBe("passed");
    expect(other?.status, other?.deciding).toBe("passed");
    expect(run.report.targets[0]!.target.path.startsWith(run.clone)).toBe(true);
    // What was made visible is listed: the clone's own script and node_modules (and a cache under /tmp, if any), never
    // the original checkout's.
    const visible = handoff!.observations.isolation!.filesNeeded.filter((f) => f.includes("made visible read-only"));
    expect(visible.filter((f) => f.startsWith(run.clone)).length, visible.join("\n")).toBeGreaterThanOrEqual(2);
    expect(visible.filter((f) => f.startsWith(REPO)), visible.join("\n")).toEqual([]);
    expect(handoff?.observations.isolation?.hostTmpMarkerVisible).toBe(false);
  });
});
