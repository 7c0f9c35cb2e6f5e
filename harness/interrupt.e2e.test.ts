import type { ChildProcess } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { constants } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import type { Report } from "./evidence/types.ts";
import { cleanEnv, E2E_TMP, readReport, REPO } from "./e2e-helpers.ts";
import { processesMentioning } from "./hygiene/probe.ts";

const reports = await dir({ unsafeCleanup: true, prefix: "interrupt-e2e-" });
afterAll(() => reports.cleanup());

/** Within this long of the signal the shell has its prompt back (issue 22). */
const PROMPT_BACK_MS = 3000;

/** Every live process in the process group `pgid`, or whose argv or environment names this file's temp root. */
async function runProcesses(pgid: number): Promise<string[]> {
  const inGroup: string[] = [];
  for (const name of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, "utf8").catch(() => "");
    // pid (comm) state ppid pgrp ...: comm may hold spaces, so read after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] !== "Z" && Number(fields[2]) === pgid) inGroup.push(`pid ${name} in the group (state ${fields[0]})`);
  }
  return [...inGroup, ...(await processesMentioning([E2E_TMP]))];
}

/** What the shell's $? says of a process that ended with this code or signal. */
function shellStatus(e: Exited): number | null {
  if (e.code !== null) return e.code;
  const n = e.signal ? constants.signals[e.signal as keyof typeof constants.signals] : undefined;
  return n === undefined ? null : 128 + n;
}

interface Exited {
  code: number | null;
  signal: string | null;
  at: number;
}

/**
 * When the process itself ended, as a shell's wait sees it: not when its output pipes closed (execa's result waits for
 * those, and a grandchild still holding them would hide the very gap this file tests).
 */
function exitOf(child: { nodeChildProcess: ChildProcess }): Promise<Exited> {
  return new Promise((resolve) => child.nodeChildProcess.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })));
}

/**
 * The environment of a user's shell: no node_modules/.bin on PATH. Under `pnpm test` it comes first, and its `node` is
 * pnpm's sh wrapper around Node 24 (one that waits without exec), so `corepack` would run under a process that a
 * SIGTERM ends at once: a gap of the test set-up, not of the command a user types.
 */
function shellEnv(): Record<string, string> {
  const env = cleanEnv();
  return { ...env, PATH: (env.PATH ?? "").split(":").filter((p) => !p.includes("node_modules")).join(":") };
}

async function reportsIn(folder: string): Promise<Report[]> {
  const found = await Promise.all((await readdir(folder)).map((f) => readReport(join(folder, f, "report.json")).catch(() => null)));
  return found.filter((r): r is Report => r !== null);
}

/**
 * `corepack pnpm smoke` as a shell runs it: its own process group (a terminal's foreground job); `signal` goes to the
 * whole group once a scenario runs. What is alive and on disk is read the moment the command has returned.
 */
async function interruptDuringScenarios(signal: "SIGINT" | "SIGTERM") {
  const out = join(reports.path, signal);
  const child = execa("corepack", ["pnpm", "smoke", "--report-dir", out], { cwd: REPO, env: shellEnv(), extendEnv: false, reject: false, detached: true, all: true, timeout: 120_000 });
  const exited = exitOf(child);
  let sentAt = 0;
  child.all?.on("data", (chunk: Buffer) => {
    if (!sentAt && child.pid && /… single: (local-token-handoff|env-url-omission|configured-remote-identity|fallback-local)/.test(chunk.toString())) {
      sentAt = Date.now();
      process.kill(-child.pid, signal);
    }
  });
  const e = await exited;
  const alive = await runProcesses(child.pid ?? -1);
  const written = await reportsIn(out).catch(() => []);
  const r = await child;
  return { r, e, sentAt, returnedAfterMs: e.at - sentAt, alive, written };
}

// SIGINT mid-scenario is tested here once, through the documented command (faults.e2e.test.ts once sent it to the
// harness alone as well).
describe("an interrupted `corepack pnpm smoke` hands the prompt back only when the run is gone", () => {
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    it(`${signal} to the process group while the scenarios run: nothing alive and the partial report on disk when it returns, within 3 s, exit ${code}`, async () => {
      const { r, e, sentAt, returnedAfterMs, alive, written } = await interruptDuringScenarios(signal);
      const out = String(r.all);
      expect(sentAt, out).toBeGreaterThan(0);
      expect(alive, out).toEqual([]);
      expect(written.map((w) => w.status), out).toEqual(["aborted"]);
      expect(written[0]?.abortReason).toContain(signal);
      // Cut short is never FAIL: the scenario that was running is not-run, with why, and CTRF counts no failure.
      expect(written[0]?.targets[0]?.scenarios.filter((s) => s.status === "failed")).toEqual([]);
      expect(written[0]?.targets[0]?.scenarios.some((s) => s.status === "not-run" && s.skipReason), out).toBe(true);
      const ctrf = JSON.parse(await readFile(join(reports.path, signal, written[0]!.runId, "ctrf.json"), "utf8")) as { results: { summary: { failed: number } } };
      expect(ctrf.results.summary.failed).toBe(0);
      // What the shell's $? says: pnpm exits with the harness's 130/143, or dies of the same signal once it has gone.
      expect(shellStatus(e), out).toBe(code);
      expect(returnedAfterMs, out).toBeLessThan(PROMPT_BACK_MS);
    });
  }

  it("`timeout 8 corepack pnpm smoke`: nothing alive and the partial report on disk when timeout returns", async () => {
    const out = join(reports.path, "timeout");
    const started = Date.now();
    const child = execa("timeout", ["8", "corepack", "pnpm", "smoke", "--report-dir", out], { cwd: REPO, env: shellEnv(), extendEnv: false, reject: false, detached: true, all: true, timeout: 60_000 });
    const e = await exitOf(child);
    const alive = await runProcesses(child.pid ?? -1);
    const written = await reportsIn(out).catch(() => []);
    const tookMs = e.at - started;
    const text = String((await child).all);
    expect(alive, text).toEqual([]);
    // A machine that finishes the smoke in 8 s sees a complete run; otherwise timeout's SIGTERM cut it short.
    if (shellStatus(e) === 124) {
      expect(written.map((w) => w.status), text).toEqual(["aborted"]);
      expect(written[0]?.abortReason).toContain("SIGTERM");
      expect(tookMs, text).toBeLessThan(8000 + PROMPT_BACK_MS);
    } else {
      expect(shellStatus(e), text).toBe(0);
      expect(written.map((w) => w.status), text).toEqual(["passed"]);
    }
  });
});
