import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { mkdir, readdir } from "node:fs/promises";
import { detectDocker, labelledObjects } from "./compose/docker.ts";
import { readReport, reportPathFrom, runCli } from "./e2e-helpers.ts";

const reports = await dir({ unsafeCleanup: true, prefix: "compose-e2e-" });
afterAll(() => reports.cleanup());
const docker = await detectDocker();

/**
 * Two of the five topologies, to keep the suite short (each is a gateway container start, about 25 s on 2 cores):
 * OpenClaw's own layout as its docs state it (the CLI in the gateway's network namespace, hardened: it resolves), and
 * the one that fails closed (another uid). `compose-sidecar-shared-netns` (the same namespace, unhardened),
 * `compose-sidecar-bridge-url` (the service URL: refused) and `compose-sidecar-readonly-volume` run with
 * `pnpm smoke --scenario compose-…` (harness/compose/README.md).
 */
const TOPOLOGIES = ["compose-official-cli", "compose-sidecar-other-uid"];
/** Gateway containers one after another; on a loaded 2-core machine each may take a minute and a half. */
const LANE_TIMEOUT_MS = 900_000;

describe("the Docker Compose lane", () => {
  it(
    "runs two topologies under a real Docker Engine and Compose, or reports them skipped with the command that enables them (never passed)",
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
      }
      const [official, otherUid] = scenarios;
      // OpenClaw's own layout, read from the pinned build's docs: the CLI in the gateway's namespace dials the generated
      // local URL over loopback, with the derived token and no device, and resolves.
      expect(official?.observations.compose?.layout).toMatchObject({ document: "docs/install/docker/compose-operations.md", sharesNetns: true, capDrop: ["NET_RAW", "NET_ADMIN"], noNewPrivileges: true });
      expect(official?.observations.wire[0]?.connect?.approvalRuntimeToken?.equalsDerived).toBe(true);
      expect(official?.observations.wire[0]?.connect?.deviceId).toBeNull();
      expect(official?.observations.requester?.finalDecision).toBe("allow-once");
      expect(official?.expectations.find((e) => e.id === "gateway-peer")).toMatchObject({ pass: true });
      // Another uid: fails closed before any frame reaches the tap, with the client's own error recorded.
      expect(otherUid?.observations.wire).toEqual([]);
      expect(otherUid?.refusals.map((x) => x.refusedBy)).toEqual(["client-before-connect"]);
      expect(otherUid?.observations.requester?.finalDecision).not.toMatch(/^allow/);
      expect(report.hygiene.find((h) => h.id === "docker")?.pass).toBe(true);
      expect(await labelledObjects(report.runId)).toEqual([]);
    },
    LANE_TIMEOUT_MS,
  );

  it(
    "a harness killed with SIGKILL mid-topology leaves labelled objects that `cache reap` removes, with its project folder",
    async (ctx) => {
      if (!docker.ok) return ctx.skip(`Compose lane not exercised on this host: ${docker.reason}`);
      const tmp = join(reports.path, "killed-tmp");
      const out = join(reports.path, "killed");
      await mkdir(tmp, { recursive: true });
      const child = runCli(["smoke", "--scenario", "compose-sidecar-shared-netns", "--report-dir", out], { env: { TMPDIR: tmp }, timeoutMs: LANE_TIMEOUT_MS - 60_000 });
      let ended = false;
      void child.finally(() => (ended = true));
      // Killed once the run's objects exist: its id is its report folder's name.
      let runId = "";
      let objects: string[] = [];
      while (!ended && objects.length < 2) {
        await new Promise((res) => setTimeout(res, 500));
        runId ||= (await readdir(out).catch(() => [] as string[]))[0] ?? "";
        if (runId) objects = await labelledObjects(runId);
      }
      expect(ended, "the run ended before its objects existed").toBe(false);
      process.kill(child.pid as number, "SIGKILL");
      await child;
      expect((await labelledObjects(runId)).length).toBeGreaterThan(0);
      const reap = await runCli(["cache", "reap"], { env: { TMPDIR: tmp } });
      const said = String(reap.all);
      console.log(`killed with ${objects.length} labelled objects up (${objects.join(", ")}); ${said.trim().split("\n").at(-1) ?? ""}`);
      expect(said).toMatch(/reaper: removed .*\d+ Docker objects? left by dead runs/);
      expect(await labelledObjects(runId), said).toEqual([]);
      expect((await readdir(tmp)).filter((n) => n.startsWith("openclaw-smoke-")), said).toEqual([]);
    },
    LANE_TIMEOUT_MS,
  );
});
