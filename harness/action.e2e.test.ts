/**
 * The action on OpenClaw's side (issue 33): its entry run the way action.yml runs it, with the variables Actions sets,
 * on a built checkout of the pinned build as head; a dirty checkout marked as such in all three outputs; and the rerun
 * line of a failure.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { dir } from "tmp-promise";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { makeCheckout } from "./e2e-checkout.ts";
import { cleanEnv, readReport, REPO, reportPathFrom, runCli, runDocumented } from "./e2e-helpers.ts";
import type { Report } from "./evidence/types.ts";
import type { CtrfReport } from "./render/ctrf.ts";

const root = await dir({ unsafeCleanup: true, prefix: "action-e2e-" });
afterAll(() => root.cleanup());
const workspace = join(root.path, "workspace");
const checkout = await makeCheckout(workspace);
const COMMIT_RE = new RegExp(`openclaw@${checkout.commit}`);

interface ProofStep {
  run: string;
  env: Record<string, string>;
}

/** The proof step of action.yml, as GitHub would run it: its `run` script and the names of its env. */
async function proofStep(): Promise<ProofStep> {
  const action = parse(await readFile(join(REPO, "action.yml"), "utf8")) as { runs: { steps: Array<{ id?: string; run?: string; env?: Record<string, string> }> } };
  const step = action.runs.steps.find((s) => s.id === "proof");
  if (!step?.run || !step.env) throw new Error("action.yml has no proof step with run and env");
  return { run: step.run, env: step.env };
}

function outputs(text: string): Record<string, string> {
  return Object.fromEntries(text.split("\n").filter(Boolean).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
}

describe("the GitHub Action, as an OpenClaw workflow runs it", () => {
  it("proves base against a built checkout of the pinned build, and sets verdict, report, markdown and ctrf", { timeout: 420_000 }, async () => {
    const step = await proofStep();
    expect(Object.keys(step.env).sort()).toEqual(["INPUT_BASE", "INPUT_HEAD", "INPUT_READY_TIMEOUT", "INPUT_SCENARIOS", "INPUT_STRENGTH_BREAK"]);
    const runner = join(root.path, "runner");
    await mkdir(runner, { recursive: true });
    const githubOutput = join(runner, "output.txt");
    const summary = join(runner, "summary.md");
    await writeFile(githubOutput, "");
    await writeFile(summary, "");
    const env = cleanEnv({
      GITHUB_ACTIONS: "true",
      GITHUB_ACTION_PATH: REPO.replace(/\/$/, ""),
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runner,
      GITHUB_OUTPUT: githubOutput,
      GITHUB_STEP_SUMMARY: summary,
      INPUT_HEAD: "openclaw",
      INPUT_BASE: "2026.6.5",
      INPUT_SCENARIOS: "",
      INPUT_READY_TIMEOUT: "180",
      // The strength run on a built checkout: every mutant must locate once in its dist and be caught.
      INPUT_STRENGTH_BREAK: "100",
    });
    const r = await execa("bash", ["-e", "-c", step.run], { cwd: workspace, env, extendEnv: false, reject: false, all: true, timeout: 400_000 });
    const log = String(r.all);
    expect(r.exitCode, log).toBe(0);
    expect(log).toMatch(COMMIT_RE);
    const out = outputs(await readFile(githubOutput, "utf8"));
    expect(out.verdict, log).toBe("PASS");
    for (const k of ["report", "markdown", "details", "ctrf"]) expect(existsSync(out[k] ?? ""), `${k}: ${out[k]}`).toBe(true);
    const report: Report = await readReport(out.report as string);
    const head = report.targets.find((t) => t.role === "head")!;
    expect(head.target).toMatchObject({ kind: "source", gitCommit: checkout.commit, gitDirty: false });
    expect(report.strength?.score, JSON.stringify(report.strength?.mutants.filter((m) => m.status !== "killed"))).toMatchObject({ survived: 0, notApplicable: 0, percent: 100 });
    expect(report.strength?.break).toBe(100);
    const markdown = await readFile(out.markdown as string, "utf8");
    expect(markdown).toMatch(COMMIT_RE);
    expect(markdown).not.toContain("uncommitted changes");
    const ctrf = JSON.parse(await readFile(out.ctrf as string, "utf8")) as CtrfReport;
    const exact = ctrf.results.tests.map((t) => (t.extra.kind === "scenario" && t.extra.target.role === "head" ? t.extra.target.exactHead : null)).filter(Boolean);
    expect(new Set(exact)).toEqual(new Set([`openclaw@${checkout.commit}`]));
    const summaryText = await readFile(summary, "utf8");
    expect(summaryText).toContain("## What Problem This Solves");
    expect(summaryText).toContain("## Evidence");
    // The PR rendering fits a comment; the summary also holds its details (the diagrams among them).
    expect(markdown.length).toBeLessThanOrEqual(60_000);
    expect(summaryText).toContain(": the details");
    expect(summaryText).toContain("```mermaid");
  });

  it("marks a checkout with uncommitted changes as such in the terminal, the Markdown and CTRF", async () => {
    await checkout.dirty();
    const md = join(root.path, "dirty.md");
    const ctrfPath = join(root.path, "dirty-ctrf.json");
    const r = await runCli(["smoke", "--openclaw", checkout.dir, "--scenario", "local-token-handoff", "--markdown", md, "--ctrf", ctrfPath, "--report-dir", join(root.path, "reports-dirty")]);
    const out = String(r.all);
    expect(r.exitCode, out).toBe(0);
    const marked = `openclaw@${checkout.commit} (uncommitted changes)`;
    expect(out).toContain(marked);
    expect(await readFile(md, "utf8")).toContain(`\`openclaw@${checkout.commit}\` with **uncommitted changes**`);
    const ctrf = JSON.parse(await readFile(ctrfPath, "utf8")) as CtrfReport;
    expect(ctrf.results.tests[0]?.extra.kind === "scenario" && ctrf.results.tests[0].extra.target.exactHead).toBe(marked);
    expect((await readReport(reportPathFrom(out) as string)).targets[0]?.target.gitDirty).toBe(true);
  });

  it("`corepack pnpm smoke --openclaw 2026.6.5 --scenario local-token-handoff` exits 1 and prints the command that reruns it", async () => {
    const r = await runDocumented(["smoke", "--openclaw", "2026.6.5", "--scenario", "local-token-handoff", "--report-dir", join(root.path, "reports-base")]);
    const out = `${String(r.stdout)}\n${String(r.stderr)}`;
    expect(r.exitCode, out).toBe(1);
    expect(String(r.stdout)).toContain("  rerun: corepack pnpm smoke --openclaw 2026.6.5 --scenario local-token-handoff");
  });
});
