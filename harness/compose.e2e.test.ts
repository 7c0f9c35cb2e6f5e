import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { detectDocker, labelledObjects } from "./compose/docker.ts";
import { readReport, reportPathFrom, runCli } from "./e2e-helpers.ts";

const reports = await dir({ unsafeCleanup: true, prefix: "compose-e2e-" });
afterAll(() => reports.cleanup());
const docker = await detectDocker();

const TOPOLOGIES = ["compose-official-cli", "compose-sidecar-shared-netns", "compose-sidecar-bridge-url", "compose-sidecar-other-uid", "compose-sidecar-readonly-volume"];
/** Five gateway containers one after another; on a loaded 2-core machine each may take a minute and a half. */
const LANE_TIMEOUT_MS = 900_000;

describe("the Docker Compose lane", () => {
  it(
    "runs the five topologies under a real Docker Engine and Compose, or reports them skipped with the command that enables them (never passed)",
    async (ctx) => {
      const r = await runCli(["smoke", ...TOPOLOGIES.flatMap((id) => ["--scenario", id]), "--report-dir", reports.path], { timeoutMs: LANE_TIMEOUT_MS - 30_000 });
      const out = String(r.all);
      const path = reportPathFrom(out);
      expect(path, out).not.toBeNull();
      const report = await readReport(path as string);
      const scenarios = report.targets[0]?.scenarios ?? [];
      expect(scenarios.map((s) => s.id)).toEqual(TOPOLOGIES);
      if (!docker.ok) {
        for (const s of scenarios) {
          expect(s.status).toBe("skipped");
          expect(s.skipReason).toContain(docker.reason);
          expect(s.skipReason).toContain(docker.enable);
        }
        expect(r.exitCode).not.toBe(0);
        ctx.skip(`Compose lane not exercised on this host: ${docker.reason}`);
      }
      expect(r.exitCode, out).toBe(0);
      for (const s of scenarios) {
        const c = s.observations.compose;
        expect(c?.image.id, s.id).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(c?.subnet, s.id).toMatch(/^169\.254\.\d+\.0\/24$/);
        expect(existsSync(join(dirname(path as string), c?.composeFile ?? "?")), s.id).toBe(true);
        // Every expectation rests on what the tap recorded, except where nothing can reach it.
        expect(s.observations.wire.length, s.id).toBeGreaterThan(0);
      }
      const [official, shared, bridge, otherUid] = scenarios;
      expect(official?.observations.compose?.firstAttempt?.connections).toBe(0);
      expect(shared?.observations.requester?.finalDecision).toBe("allow-once");
      expect(bridge?.observations.wire[0]?.connect?.approvalRuntimeToken).toBeNull();
      expect(otherUid?.observations.wire[0]?.connect?.approvalRuntimeToken?.equalsDerived).toBe(false);
      expect(report.hygiene.find((h) => h.id === "docker")?.pass).toBe(true);
      expect(await labelledObjects(report.runId)).toEqual([]);
    },
    LANE_TIMEOUT_MS,
  );
});
