/**
 * Nothing left even when the harness itself is killed (issue 31): a SIGKILL to the harness's own Node process during
 * the scenarios, then what the next run in the same TMPDIR does about it; and two runs at once, one of them killed.
 * Each run here is the quick one-scenario smoke on the pinned build, with a TMPDIR of this file's own.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { dir } from "tmp-promise";
import { afterAll, describe, expect, it } from "vitest";
import { readReport, reportPathFrom, runCli } from "./e2e-helpers.ts";
import { stateDbRealpath, stateLockDir, stateLockHash } from "./hygiene/locks.ts";
import { OWNER_FILE, readOwnerMarker } from "./hygiene/owner.ts";
import { processesMentioning } from "./hygiene/probe.ts";
import { sandboxLayout } from "./sandbox/layout.ts";

const root = await dir({ unsafeCleanup: true, prefix: "reap-e2e-" });
afterAll(() => root.cleanup());

const SCENARIO = ["smoke", "--scenario", "local-token-handoff"];
/** After the SIGKILL, every process of the run is gone within this long (parent-death signal, then OpenClaw's own). */
const GONE_WITHIN_MS = 5000;

/** The run folders (sandboxes) in a TMPDIR. */
async function runFolders(tmp: string): Promise<string[]> {
  return (await readdir(tmp).catch(() => [] as string[])).filter((n) => n.startsWith("openclaw-smoke-")).map((n) => join(tmp, n));
}

/** OpenClaw's lock files named after the state databases of these sandboxes. */
async function locksOf(sandboxes: readonly string[]): Promise<string[]> {
  const lockDir = stateLockDir(process.getuid?.() ?? 0);
  const names = await readdir(lockDir).catch(() => [] as string[]);
  const hashes: string[] = [];
  for (const s of sandboxes) {
    const real = await stateDbRealpath(sandboxLayout(s).stateDb);
    if (real) hashes.push(stateLockHash(real));
  }
  return names.filter((n) => hashes.some((h) => n.includes(`.${h}.lock.sqlite`))).map((n) => join(lockDir, n));
}

/** Start the smoke in `tmp`; SIGKILL the harness process once its scenario runs. Returns when every process of it is gone. */
async function smokeKilledDuringScenario(tmp: string, reports: string) {
  const child = runCli([...SCENARIO, "--report-dir", reports], { env: { TMPDIR: tmp } });
  let killedAt = 0;
  child.all?.on("data", (chunk: Buffer) => {
    if (!killedAt && child.pid && /… single: local-token-handoff/.test(chunk.toString())) {
      killedAt = Date.now();
      process.kill(child.pid, "SIGKILL");
    }
  });
  const r = await child;
  // Its folders are those whose owner marker names its PID (another run may share the TMPDIR).
  const mine: string[] = [];
  for (const f of await runFolders(tmp)) if ((await readOwnerMarker(f)).owner?.pid === child.pid) mine.push(f);
  let alive = await processesMentioning(mine);
  while (alive.length && Date.now() - killedAt < GONE_WITHIN_MS) {
    await new Promise((res) => setTimeout(res, 100));
    alive = await processesMentioning(mine);
  }
  return { out: String(r.all), killedAt, goneAfterMs: Date.now() - killedAt, alive, signal: r.signal, folders: mine };
}

describe("a harness killed with SIGKILL leaves nothing that the next run does not reap", () => {
  it("no process of the killed run after 5 s; the next run in the same TMPDIR removes its sandbox and locks, says so, and passes clean", async () => {
    const tmp = join(root.path, "killed");
    await mkdir(tmp);
    const killed = await smokeKilledDuringScenario(tmp, join(root.path, "reports-killed"));
    expect(killed.killedAt, killed.out).toBeGreaterThan(0);
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.alive, killed.out).toEqual([]);
    console.log(`SIGKILL to the harness → every process of its run gone after ${killed.goneAfterMs} ms`);
    const left = await runFolders(tmp);
    expect(left, "the killed run's sandbox is still there").toHaveLength(1);
    expect(killed.folders).toEqual(left);
    expect(existsSync(join(left[0] as string, OWNER_FILE))).toBe(true);
    const locks = await locksOf(left);

    const next = await runCli([...SCENARIO, "--report-dir", join(root.path, "reports-next")], { env: { TMPDIR: tmp } });
    const out = String(next.all);
    expect(next.exitCode, out).toBe(0);
    expect(out).toMatch(new RegExp(`reaper: removed .*folder.* left by dead runs in ${tmp}`));
    const report = await readReport(reportPathFrom(out) as string);
    const reaped = report.hygiene.find((h) => h.id === "reaped");
    expect(reaped?.reaped?.some((x) => x.startsWith(`folder ${left[0]} `)), JSON.stringify(reaped)).toBe(true);
    for (const lock of locks) expect(reaped?.reaped?.some((x) => x.startsWith(`lock file ${lock} `)), lock).toBe(true);
    expect(report.hygiene.filter((h) => !h.pass)).toEqual([]);
    expect(await runFolders(tmp)).toEqual([]);
    expect(await locksOf(left)).toEqual([]);
  });

  it("of two runs at once in one TMPDIR, the one killed leaves the other's sandbox and processes alone, and the other passes", async () => {
    const tmp = join(root.path, "two");
    await mkdir(tmp);
    const survivor = runCli([...SCENARIO, "--report-dir", join(root.path, "reports-survivor")], { env: { TMPDIR: tmp } });
    // The second starts once the first has its sandbox: its sweep sees a live run's folder and must keep it.
    let ended = false;
    void survivor.finally(() => (ended = true));
    let survivorSandbox: string[] = [];
    while (survivorSandbox.length === 0 && !ended) {
      await new Promise((res) => setTimeout(res, 200));
      survivorSandbox = await runFolders(tmp);
    }
    expect(survivorSandbox).toHaveLength(1);
    const killed = await smokeKilledDuringScenario(tmp, join(root.path, "reports-second"));
    expect(killed.out).toMatch(/reaper: nothing left by dead runs/);
    const r = await survivor;
    const out = String(r.all);
    expect(r.exitCode, out).toBe(0);
    const report = await readReport(reportPathFrom(out) as string);
    expect(report.hygiene.filter((h) => !h.pass), out).toEqual([]);
    // The killed run's processes are gone by now (parent-death signal); its sandbox waits for the next sweep.
    expect(killed.alive, killed.out).toEqual([]);
    expect(killed.folders).toHaveLength(1);
    expect(await runFolders(tmp)).toEqual(killed.folders);
    const reap = await runCli(["cache", "reap"], { env: { TMPDIR: tmp } });
    expect(String(reap.all)).toMatch(/reaper: removed .*folder/);
    expect(await runFolders(tmp)).toEqual([]);
  });
});
