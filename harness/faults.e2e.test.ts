import { existsSync, statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { noSandboxLeft, readReport, reportPathFrom, REPO, runCli, runDocumented } from "./e2e-helpers.ts";

const reports = await dir({ unsafeCleanup: true, prefix: "faults-e2e-" });
afterAll(() => reports.cleanup());

describe("the harness keeps its evidence and cleans up when things go wrong", () => {
  it("one gateway, two faults: a frozen tap's runtime is killed by its timeout with its evidence; the gateway SIGKILLed mid-scenario fails that scenario naming the signal, later ones are not-run, status aborted, exit 1", async () => {
    // One smoke, one scenario at a time: local-token-handoff's tap swallows every frame (its runtime process is killed
    // after 4 s), then the gateway is SIGKILLed once env-url-omission's approval exists.
    const r = await runCli(["smoke", "--concurrency", "1", "--runtime-timeout", "4", "--fault", "freeze-tap:local-token-handoff", "--fault", "kill-gateway-during:env-url-omission", "--report-dir", reports.path]);
    const out = String(r.all);
    expect(r.exitCode, out).toBe(1);
    const report = await readReport(reportPathFrom(out) as string);
    expect(report.status).toBe("aborted");
    expect(report.abortReason).toContain("SIGKILL");
    const byId = new Map(report.targets[0]!.scenarios.map((s) => [s.id, s]));
    const frozen = byId.get("local-token-handoff")!;
    expect(frozen.status).toBe("failed");
    expect(frozen.observations.runtime).toMatchObject({ timedOut: true, ok: null });
    expect(frozen.findings.join("\n")).toMatch(/timed out after \d+ ms and was killed; (log tail:\n|it printed nothing)/);
    expect(byId.get("env-url-omission")?.status).toBe("failed");
    expect(byId.get("env-url-omission")?.findings.join("\n")).toContain("SIGKILL");
    expect(byId.get("configured-remote-identity")?.status).toBe("not-run");
    expect(byId.get("fallback-local")?.status).toBe("not-run");
    expect(report.hygiene.filter((h) => !h.pass)).toEqual([]);
    await noSandboxLeft();
  });

  it("a reader that goes away (`corepack pnpm smoke | head`): torn down, partial report, exit 141 through pnpm, nothing left behind", async () => {
    // The documented command: pnpm must hand the harness's 141 on, not turn it into 0.
    const child = runDocumented(["smoke", "--report-dir", reports.path]);
    let closed = false;
    child.all?.on("data", (chunk: Buffer) => {
      if (!closed && /start gateway/.test(chunk.toString())) {
        closed = true;
        child.stdout?.destroy();
        child.stderr?.destroy();
      }
    });
    const r = await child;
    expect(closed).toBe(true);
    expect(r.exitCode).toBe(141);
    const folders = await readdir(reports.path);
    const reportsWritten = await Promise.all(folders.map(async (f) => readReport(join(reports.path, f, "report.json")).catch(() => null)));
    const partial = reportsWritten.find((x) => x?.abortReason?.includes("SIGPIPE"));
    expect(partial?.status).toBe("aborted");
    expect(partial?.hygiene.filter((h) => !h.pass)).toEqual([]);
    await noSandboxLeft();
  });

  it("a gateway not ready in time: exit 1, its record and log file kept in the report, no pointer to an empty log tail", async () => {
    const r = await runCli(["smoke", "--scenario", "local-token-handoff", "--ready-timeout", "1", "--report-dir", reports.path]);
    const out = String(r.all);
    expect(r.exitCode, out).toBe(1);
    expect(out).toMatch(/not ready after 1000 ms/);
    const report = await readReport(reportPathFrom(out) as string);
    const [gateway] = report.targets[0]?.gateways ?? [];
    expect(gateway, out).toMatchObject({ sandboxProfile: "shared-socket-token", readyMs: null });
    const log = join(reportPathFrom(out) as string, "..", gateway?.logFile ?? "missing");
    expect(existsSync(log)).toBe(true);
    // Whatever the gateway printed in that second decides the advice: a tail to read, or none to point at.
    const printed = (await readFile(log, "utf8")).trim() !== "";
    if (printed) expect(out).toMatch(/log tail:/);
    else expect(out).toMatch(/the gateway printed nothing in that time/);
    expect(out).not.toMatch(printed ? /printed nothing/ : /read the log tail/);
    expect(report.targets[0]?.scenarios.map((s) => s.status)).toEqual(["not-run"]);
    await noSandboxLeft();
  });

  it("bad input exits 2 with a one-line cause and fix, and leaves nothing behind", async () => {
    const empty = await dir({ unsafeCleanup: true, prefix: "badinput-" });
    try {
      for (const args of [
        ["smoke", "--scenario", "no-such-scenario"],
        ["smoke", "--openclaw", "0.0.0-does-not-exist"],
        ["smoke", "--openclaw", "./not-an-openclaw-build"],
        ["smoke", "--report-dir", "/proc/forbidden-report-dir"],
        ["smoke", "--report-dir", join(REPO, "package.json", "reports")],
        ["smoke", "--report-dir", join(REPO, "package.json")],
        ["smoke", "--markdown", "/nonexistent-smoke-dir/proof.md"],
        ["smoke", "--runs", "5"],
        ["smoke", "--ready-timeout", "-5"],
      ]) {
        const ownReportDir = args.includes("--report-dir");
        const r = await runCli([...args, ...(ownReportDir ? [] : ["--report-dir", empty.path])], { timeoutMs: 60_000 });
        const what = `${args.join(" ")}: ${String(r.all)}`;
        expect(r.exitCode, what).toBe(2);
        const stderr = String(r.stderr);
        const lines = stderr.trim().split("\n").filter((l) => l.startsWith("error:"));
        expect(lines, what).toHaveLength(1);
        expect(lines[0], what).toMatch(/^error: \S/);
        // One line: none of the multi-line step detail (process, command, exit, log tail, next).
        expect(stderr, what).not.toMatch(/^ {2}(process|command|exit|log tail|next):/m);
        if (ownReportDir) {
          const given = args[args.indexOf("--report-dir") + 1]!;
          // The report dir it was given cannot be created, or is a file that stayed one.
          expect(existsSync(given) && statSync(given).isDirectory(), what).toBe(false);
        } else {
          // The empty dir was its report dir: still empty.
          expect(await readdir(empty.path), what).toEqual([]);
        }
      }
      // A TMPDIR that is not a writable folder: one line before anything loads, not a stack trace.
      const tmp = await runCli(["smoke", "--report-dir", empty.path], { env: { TMPDIR: "/nonexistent-smoke-tmp" }, timeoutMs: 60_000 });
      expect(tmp.exitCode, String(tmp.all)).toBe(2);
      expect(String(tmp.stderr).trim()).toBe("error: TMPDIR '/nonexistent-smoke-tmp' does not exist or is not writable. Unset TMPDIR or point it at a writable folder");
      await noSandboxLeft();
    } finally {
      await empty.cleanup();
    }
  });
});
