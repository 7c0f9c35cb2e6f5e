/**
 * proof-details.md: everything the PR rendering (proof.md) leaves out or folds, for the job summary (capped at 1 MiB
 * a step) and the artifact: the PR rendering's claims table, the whole terminal output, every comparison row, the
 * strength table, each lifecycle scenario's steps, what decided each scenario, every failure with its rerun command,
 * the findings for OpenClaw and the sequence diagrams. Under SUMMARY_BUDGET, the longest parts fold first. Pure.
 */
import type { Report } from "../evidence/types.ts";
import { code } from "./markdown-parts.ts";
import { oneLine } from "./terminal.ts";
import { claimsTable } from "./claims-table.ts";
import { comparisonTable, decidingLines, failures, knownFindings, lifecycleSteps, terminalBlock } from "./markdown-evidence.ts";
import { strengthMarkdown } from "./strength.ts";
import { diagrams } from "./markdown-diagrams.ts";
import { composeSection } from "./compose-markdown.ts";
import { fitToBudget, foldNote, SUMMARY_BUDGET, SUMMARY_LIMIT, utf8Bytes, type Part } from "./budget.ts";
import { verdictSentence } from "./markdown.ts";

export interface DetailsOptions {
  reportPath: string;
  /** UTF-8 bytes at most (default SUMMARY_BUDGET). */
  budget?: number;
}

function section(title: string, lines: string[]): string[] {
  return lines.length ? ["", `### ${title}`, ...lines] : [];
}

export function detailsParts(report: Report, opts: DetailsOptions): Part[] {
  const fold = (what: string) => foldNote(what, code(opts.reportPath), SUMMARY_LIMIT);
  return [
    {
      name: "title",
      lines: [`## Approval-runtime proof, run ${code(report.runId)}: the details`, "", `**${verdictSentence(report)}**`, "", `Command: ${code(report.command)}. The evidence document is ${code(opts.reportPath)}; this file is rendered from it.`],
    },
    { name: "claims", lines: section("Each claim and its verdict on each build", ["", ...claimsTable(report)]) },
    { name: "terminal", lines: section("Terminal output", ["", "That command's terminal output (its stdout, as printed at the end of the run):", ...terminalBlock(report, opts.reportPath)]), folded: fold("The terminal output") },
    { name: "comparison", lines: report.comparison ? section("Base against head", comparisonTable(report.comparison)) : [], folded: fold("The comparison") },
    { name: "strength", lines: report.strength ? section("Proof strength", strengthMarkdown(report.strength)) : [] },
    { name: "lifecycle steps", lines: section("Lifecycle steps", lifecycleSteps(report)), folded: fold("The lifecycle steps") },
    { name: "deciding", lines: section("What decided each scenario", ["", ...decidingLines(report)]), folded: fold("What decided each scenario") },
    { name: "failures", lines: section("Failures and reruns", failures(report)), folded: fold("The failures with their reruns") },
    { name: "findings", lines: section("Findings for OpenClaw", knownFindings(report)) },
    { name: "compose", lines: composeSection(report) },
    { name: "diagrams", lines: section(`Sequence diagrams of openclaw ${report.targets.map((t) => oneLine(t.target.version)).join(" and ")}`, diagrams(report)), folded: fold("The sequence diagrams") },
  ];
}

/** proof-details.md, within the budget. */
export function renderProofDetails(report: Report, opts: DetailsOptions): string {
  return fitToBudget(detailsParts(report, opts), opts.budget ?? SUMMARY_BUDGET, utf8Bytes).text;
}
