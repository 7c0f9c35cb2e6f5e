/**
 * The proof's Markdown files: proof.md (the PR rendering, under PR_BUDGET) and proof-details.md beside it (the whole
 * terminal output, every comparison row, the lifecycle steps and the diagrams), in the run folder and, with
 * --markdown FILE, at FILE and beside it. On GitHub Actions both go to the job summary and the PR rendering links the
 * run's page, where the summary and the artifact are.
 */
import { writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Report } from "../evidence/types.ts";
import { renderMarkdownProof, type DetailsRef } from "../render/markdown.ts";
import { renderProofDetails } from "../render/markdown-details.ts";
import { appendJobSummary } from "../render/job-summary.ts";

/** `proof.md` → `proof-details.md`, `out/x.md` → `out/x-details.md`, `notes` → `notes-details.md`. Pure. */
export function detailsPathFor(markdownPath: string): string {
  const name = basename(markdownPath);
  const stem = name.toLowerCase().endsWith(".md") ? name.slice(0, -3) : name;
  return join(dirname(markdownPath), `${stem}-details.md`);
}

/** The run's page on GitHub Actions (its job summary and artifacts), from the runner's env; null elsewhere. Pure. */
export function runPageUrl(env: NodeJS.ProcessEnv): string | null {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  if (!server || !repo || !run || !/^https:\/\/[\w.-]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^\d+$/.test(run)) return null;
  return `${server}/${repo}/actions/runs/${run}`;
}

export interface ProofMarkdown {
  pr: string;
  details: string;
}

/** Renders both files for a report; `detailsName` is how the PR rendering names the details file. Pure. */
export function renderProofMarkdown(report: Report, reportPath: string, detailsName: string, env: NodeJS.ProcessEnv): ProofMarkdown {
  const details: DetailsRef = { name: detailsName, url: runPageUrl(env) };
  return { pr: renderMarkdownProof(report, { reportPath, details }), details: renderProofDetails(report, { reportPath }) };
}

/**
 * Writes proof.md and proof-details.md into the run folder, and to --markdown FILE and beside it; appends both to the
 * job summary when GITHUB_STEP_SUMMARY names a file. Returns the PR rendering and whether the summary was written.
 */
export async function writeProofMarkdown(report: Report, folder: string, reportPath: string, markdownPath: string | null, env: NodeJS.ProcessEnv): Promise<{ pr: string; summary: boolean }> {
  const own = renderProofMarkdown(report, reportPath, "proof-details.md", env);
  await writeFile(join(folder, "proof.md"), own.pr);
  await writeFile(join(folder, "proof-details.md"), own.details);
  let { pr } = own;
  if (markdownPath) {
    const detailsPath = detailsPathFor(markdownPath);
    // Only the PR rendering names the details file; the details themselves are the same.
    if (basename(detailsPath) !== "proof-details.md") pr = renderMarkdownProof(report, { reportPath, details: { name: basename(detailsPath), url: runPageUrl(env) } });
    await writeFile(markdownPath, pr);
    await writeFile(detailsPath, own.details);
  }
  const summary = await appendJobSummary(`${pr}\n---\n\n${own.details}`, env);
  return { pr, summary };
}
