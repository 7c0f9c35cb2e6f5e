/**
 * The action on OpenClaw's side (issue 33): its entry run the way action.yml runs it, with the variables Actions sets,
 * on a built checkout of the pinned build as head (the shared proof, e2e-shared-proof.ts); a dirty checkout marked as
 * such in all three outputs; and the rerun line of a failure.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { dir } from "tmp-promise";
import { afterAll, describe, expect, it } from "vitest";
import { makeCheckout } from "./e2e-checkout.ts";
import { noSandboxLeft, readReport, reportPathFrom, runCli, runDocumented } from "./e2e-helpers.ts";
import { proofStep, sharedProof, SHARED_PROOF_TIMEOUT_MS } from "./e2e-shared-proof.ts";
import { loadMutants } from "./plan/mutant-catalog.ts";
import type { CtrfReport } from "./render/ctrf.ts";

const root = await dir({ unsafeCleanup: true, prefix: "action-e2e-" });
afterAll(() => root.cleanup());
const MUTANTS = await loadMutants();

describe("the GitHub Action, as an OpenClaw workflow runs it", () => {
  it("proves base against a built checkout of the pinned build with every variant caught, and sets verdict, report, markdown and ctrf", { timeout: SHARED_PROOF_TIMEOUT_MS }, async () => {
    const step = await proofStep();
    expect(Object.keys(step.env).sort()).toEqual(["INPUT_BASE", "INPUT_HEAD", "INPUT_READY_TIMEOUT", "INPUT_SCENARIOS", "INPUT_STRENGTH_BREAK"]);
    const run = await sharedProof();
    const { log, outputs: out, report } = run;
    const commitRe = new RegExp(`openclaw@${run.commit}`);
    expect(run.exitCode, log).toBe(0);
    expect(log).toMatch(commitRe);
    expect(out.verdict, log).toBe("PASS");
    for (const k of ["report", "markdown", "details", "ctrf"]) expect(existsSync(out[k] ?? ""), `${k}: ${out[k]}`).toBe(true);
    expect(run.head.target).toMatchObject({ kind: "source", gitCommit: run.commit, gitDirty: false });
    // The strength run on the real thing (strength.e2e.test.ts keeps only its interrupt): each variant a copy of the
    // checkout's build, failed on the wire by a catcher that passed unmutated; gateway variants on gateways of their
    // own, runtime variants beside the unmutated head's; every copy removed afterwards.
    const strength = report.strength!;
    expect(strength.score, JSON.stringify(strength.mutants.filter((m) => m.status !== "killed"))).toMatchObject({ survived: 0, notApplicable: 0, percent: 100 });
    expect(strength.break).toBe(100);
    expect(strength.mutants.map((m) => m.id).sort()).toEqual(MUTANTS.map((m) => m.id).sort());
    const dropped = strength.mutants.find((m) => m.id === "device-beside-token");
    expect(dropped?.scenarios.find((x) => x.id === "local-token-handoff")).toMatchObject({ status: "failed", baseline: "passed", failed: ["device-identity"] });
    const mutantGateways = strength.gateways.filter((g) => g.logFile.startsWith("gateway-mutant-")).map((g) => g.logFile);
    for (const m of MUTANTS) expect(mutantGateways.some((f) => f.startsWith(`gateway-mutant-${m.id}-`)), m.id).toBe(m.loadedBy === "gateway");
    for (const g of strength.gateways) expect(g.exit?.by, g.logFile).toBe("harness");
    expect(strength.builds).toMatchObject({ made: MUTANTS.length, removed: true });
    expect(report.hygiene.filter((h) => !h.pass)).toEqual([]);
    const markdown = await readFile(out.markdown as string, "utf8");
    expect(markdown).toMatch(commitRe);
    expect(markdown).not.toContain("uncommitted changes");
    const ctrf = JSON.parse(await readFile(out.ctrf as string, "utf8")) as CtrfReport;
    expect(ctrf.results.tests.filter((t) => t.suite[0] === "strength")).toHaveLength(MUTANTS.length);
    const exact = ctrf.results.tests.map((t) => (t.extra.kind === "scenario" && t.extra.target.role === "head" ? t.extra.target.exactHead : null)).filter(Boolean);
    expect(new Set(exact)).toEqual(new Set([`openclaw@${run.commit}`]));
    expect(run.summary).toContain("## What Problem This Solves");
    expect(run.summary).toContain("## Evidence");
    // The PR rendering fits a comment; the summary also holds its details (the diagrams among them).
    expect(markdown.length).toBeLessThanOrEqual(60_000);
    expect(run.summary).toContain(": the details");
    expect(run.summary).toContain("```mermaid");
    await noSandboxLeft(run.tmp);
  });

  it("marks a checkout with uncommitted changes as such in the terminal, the Markdown and CTRF", async () => {
    const checkout = await makeCheckout(join(root.path, "workspace"));
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
