/**
 * The one proof several e2e files read: OpenClaw's action entry, run as action.yml's proof step runs it (its `run`
 * script, the variables Actions sets), proving 2026.6.5 against a built checkout of the pinned build: the default
 * selection, with the strength run at break 100. action.e2e.test.ts asserts the action's outputs on it,
 * proof.e2e.test.ts the comparison and the rendering, claims.e2e.test.ts and lifecycle.e2e.test.ts the head's claim
 * and lifecycle scenarios: each what it once asserted on a run of its own, so test:all pays for that proof once.
 * Made by the first file that asks (files run one after another), kept on disk for the rest, like e2e-shared-run.ts.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { inject } from "vitest";
import { parse } from "yaml";
import { makeCheckout } from "./e2e-checkout.ts";
import { cleanEnv, readReport, REPO } from "./e2e-helpers.ts";
import type { Report, ScenarioResult, TargetRun } from "./evidence/types.ts";

/** The PR's further claims, in the default proof. */
export const CLAIMS = [
  "explicit-url-omission",
  "agent-tool-local",
  "agent-tool-env-url",
  "agent-tool-config-remote-url",
  "agent-tool-explicit-url",
  "canonical-exec-handoff",
  "plugin-approval-handoff",
  "requester-identity-request-wait",
  "no-shared-token-created",
];
/** The one claim scenario that fails on the pinned build (a finding for OpenClaw, declared FAIL_TO_FAIL). */
export const FINDING = "agent-tool-fallback-local";
/** A sidecar's life: the lifecycle lane, one gateway of its own per scenario, restarted or stopped by its steps. */
export const LIFECYCLE = ["lifecycle-gateway-restart", "lifecycle-gateway-restart-in-place", "lifecycle-long-lived-runtime", "lifecycle-socket-token-rotation", "lifecycle-start-order"];

/** The head's results for these scenarios, in the order given; fails the test if one is missing. */
export function pickHead(run: SharedProof, ids: readonly string[]): ScenarioResult[] {
  return ids.map((id) => {
    const s = run.head.scenarios.find((x) => x.id === id);
    if (!s) throw new Error(`scenario ${id} is not in the shared proof's head`);
    return s;
  });
}

/** What the proof step needs: a whole default proof and an eleven-variant strength run on 2 cores, with room. */
export const SHARED_PROOF_TIMEOUT_MS = 480_000;

export interface ActionStep {
  run: string;
  env: Record<string, string>;
}

/** The proof step of action.yml, as GitHub would run it: its `run` script and the names of its env. */
export async function proofStep(): Promise<ActionStep> {
  const action = parse(await readFile(join(REPO, "action.yml"), "utf8")) as { runs: { steps: Array<{ id?: string; run?: string; env?: Record<string, string> }> } };
  const step = action.runs.steps.find((s) => s.id === "proof");
  if (!step?.run || !step.env) throw new Error("action.yml has no proof step with run and env");
  return { run: step.run, env: step.env };
}

/** A GITHUB_OUTPUT file's `name=value` lines. */
export function outputs(text: string): Record<string, string> {
  return Object.fromEntries(text.split("\n").filter(Boolean).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
}

export interface SharedProof {
  exitCode: number | null;
  /** What the step printed (stdout and stderr interleaved). */
  log: string;
  /** The step's outputs (verdict, report, markdown, details, ctrf). */
  outputs: Record<string, string>;
  /** The job summary the step wrote. */
  summary: string;
  report: Report;
  base: TargetRun;
  head: TargetRun;
  /** The built checkout's commit (the head). */
  commit: string;
  /** The run's TMPDIR: its sandboxes lived there. */
  tmp: string;
}

interface Stored {
  exitCode: number | null;
  log: string;
  commit: string;
}

export async function sharedProof(): Promise<SharedProof> {
  const root = join(inject("sharedRunDir"), "proof");
  const tmp = join(root, "tmp");
  const runner = join(root, "runner");
  const stored = join(root, "run.json");
  if (!existsSync(stored)) {
    await mkdir(tmp, { recursive: true });
    await mkdir(runner, { recursive: true });
    const workspace = join(root, "workspace");
    const checkout = await makeCheckout(workspace);
    const step = await proofStep();
    await writeFile(join(runner, "output.txt"), "");
    await writeFile(join(runner, "summary.md"), "");
    const env = cleanEnv({
      TMPDIR: tmp,
      GITHUB_ACTIONS: "true",
      GITHUB_ACTION_PATH: REPO.replace(/\/$/, ""),
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runner,
      GITHUB_OUTPUT: join(runner, "output.txt"),
      GITHUB_STEP_SUMMARY: join(runner, "summary.md"),
      INPUT_HEAD: "openclaw",
      INPUT_BASE: "2026.6.5",
      INPUT_SCENARIOS: "",
      INPUT_READY_TIMEOUT: "180",
      // The strength run on a built checkout: every variant must locate once in its dist and be caught.
      INPUT_STRENGTH_BREAK: "100",
    });
    const r = await execa("bash", ["-e", "-c", step.run], { cwd: workspace, env, extendEnv: false, reject: false, all: true, timeout: SHARED_PROOF_TIMEOUT_MS - 30_000 });
    await writeFile(stored, JSON.stringify({ exitCode: r.exitCode ?? null, log: String(r.all), commit: checkout.commit } satisfies Stored));
  }
  const s = JSON.parse(await readFile(stored, "utf8")) as Stored;
  const out = outputs(await readFile(join(runner, "output.txt"), "utf8"));
  if (!out.report) throw new Error(`the shared proof wrote no report (exit ${s.exitCode}):\n${s.log.slice(-4000)}`);
  const report = await readReport(out.report);
  const base = report.targets.find((t) => t.role === "base");
  const head = report.targets.find((t) => t.role === "head");
  if (!base || !head) throw new Error(`the shared proof's report has no base or no head target: ${out.report}`);
  return { exitCode: s.exitCode, log: s.log, outputs: out, summary: await readFile(join(runner, "summary.md"), "utf8"), report, base, head, commit: s.commit, tmp };
}
