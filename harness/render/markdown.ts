/**
 * The proof as a PR body or comment (proof.md), under PR_BUDGET (GitHub refuses a comment over 65,536 characters). It
 * leads with what a reviewer decides on: the verdict, one table of claims × builds, the findings for OpenClaw with
 * their reproduction, the strength line and the rerun commands; then OpenClaw's authored sections ("What Problem This
 * Solves", "Evidence") and the six-field "## Real behavior proof" block the older check reads (facts §8), for PRs
 * opened before the change. The whole terminal output, every comparison row, the lifecycle steps and the sequence
 * diagrams are in the details (markdown-details.ts), which this text names. Over the budget, the longest parts fold
 * first (render/budget.ts). Rendered from the report alone (already redacted). No line of the six-field block may
 * start with `#`: the older check ended the section at such a line, even inside a fence. Pure.
 */
import type { Report, TargetRun } from "../evidence/types.ts";
import { oneLine } from "./terminal.ts";
import { isLoopbackAddress } from "../judge/summarize.ts";
import { composeSection } from "./compose-markdown.ts";
import { code, targetLine } from "./markdown-parts.ts";
import { commandAndBuilds, decidingLines, failToPassTable, failures, knownFindings, problemSection, rerunCommands, terminalEnd } from "./markdown-evidence.ts";
import { claimsTable } from "./claims-table.ts";
import { strengthSummary } from "./strength.ts";
import { fitToBudget, foldNote, PR_BUDGET, type Part } from "./budget.ts";

export { checkProofPolicy, PROOF_FIELDS, type ProofCheck } from "./proof-policy.ts";
export { checkPrContext } from "./pr-context-policy.ts";
export { sequenceDiagram } from "./markdown-diagrams.ts";

/** Where the details file is for the reader: its name beside this file, and a link where there is one (a CI run). */
export interface DetailsRef {
  name: string;
  url: string | null;
}

export interface MarkdownOptions {
  /** Where the evidence document was written, as the reader should see it. */
  reportPath: string;
  /** The details file (default: proof-details.md beside this file, no link). */
  details?: DetailsRef;
  /** Characters at most (default PR_BUDGET). */
  budget?: number;
}

export const DEFAULT_DETAILS: DetailsRef = { name: "proof-details.md", url: null };

/** "`proof-details.md` (beside this file; …)" or a link to it. */
export function detailsWhere(d: DetailsRef): string {
  return d.url ? `[${d.name}](${d.url}), in the run's job summary and artifact` : `${code(d.name)}, beside this file and, on GitHub Actions, in the job summary and the artifact`;
}

function tally(t: TargetRun): { passed: number; total: number; held: number; expectations: number } {
  const ran = t.scenarios.filter((s) => s.status === "passed" || s.status === "failed");
  return {
    passed: ran.filter((s) => s.status === "passed").length,
    total: t.scenarios.length,
    held: ran.reduce((n, s) => n + s.expectations.filter((e) => e.pass).length, 0),
    expectations: ran.reduce((n, s) => n + s.expectations.length, 0),
  };
}

/** The verdict and its counts in one sentence: status, each build's tally, the comparison, preflight and clean-up. */
export function verdictSentence(report: Report): string {
  const multi = report.targets.length > 1;
  const head = report.status === "aborted" ? `ABORTED (${oneLine(report.abortReason ?? "no reason recorded")}).` : `${report.status.toUpperCase()}.`;
  const perTarget = report.targets.map((t) => {
    const c = tally(t);
    return `${multi ? `${t.role} ` : ""}openclaw ${oneLine(t.target.version)}: ${c.passed} of ${c.total} scenarios passed, ${c.held} of ${c.expectations} expectations held`;
  });
  const cmp = report.comparison;
  const classes = cmp ? [...new Set(cmp.map((r) => r.class))].map((k) => `${cmp.filter((r) => r.class === k).length} ${k}`).join(", ") : "";
  const comparison = cmp ? ` Base against head: ${cmp.filter((r) => r.holds).length} of ${cmp.length} rows as declared (${classes}).` : "";
  const pre = report.preflight?.length ? ` Preflight (the base shows the bug, the head does not): ${report.preflight.every((p) => p.ok) ? "confirmed" : "NOT confirmed"}.` : "";
  const dirty = report.hygiene.filter((h) => !h.pass).map((h) => h.id);
  const hygiene = ` Clean-up: ${dirty.length ? `NOT clean (${dirty.join(", ")})` : "no process, port, stray file or secret value left behind"}.`;
  return `${head} ${perTarget.join("; ")}.${comparison}${pre}${hygiene}`;
}

function notTested(report: Report): { head: string[]; skipped: string[]; tail: string[] } {
  const multi = report.targets.length > 1;
  const skipped: string[] = [];
  for (const t of report.targets) {
    for (const s of t.scenarios) {
      if (s.status !== "skipped" && s.status !== "not-run" && s.status !== "not-applicable") continue;
      const why = oneLine(s.skipReason ?? "no reason recorded");
      skipped.push(`- ${code(s.id)}${multi ? ` on ${t.role} openclaw ${oneLine(t.target.version)}` : ""}: ${s.status.replace("-", " ")} (${why})`);
    }
  }
  const tail: string[] = [];
  if (report.notSelected.length) {
    tail.push(`- scenarios this run did not select: ${report.notSelected.map((n) => `${code(n.id)} (${n.group})`).join(", ")}`);
  }
  const usedCliUrl = report.targets.some((t) => t.scenarios.some((s) => (s.status === "passed" || s.status === "failed") && s.setup.gatewayUrlArg !== null));
  if (!usedCliUrl) tail.push("- the `cli --url` URL source (the `gatewayUrl` argument of `resolveApprovalOverGateway`)");
  // Where the gateway saw its peers, as the tap's upstream sockets recorded it.
  const peers = report.targets.flatMap((t) => t.scenarios.flatMap((s) => s.observations.wire.map((c) => c.upstreamLocalAddress)));
  tail.push(
    peers.every(isLoopbackAddress)
      ? "- a gateway on another host, on a non-loopback address or behind TLS: every connection here stayed on loopback"
      : "- a gateway on another host or behind TLS: the non-loopback connections here ran over this run's own veth pair, on one host",
    "- approval clients other than OpenClaw's own `resolveApprovalOverGateway` (apps, chat channels)",
    `- OpenClaw builds other than the ones listed above, and hosts other than ${oneLine(`${report.host.os} ${report.host.arch}`)}`,
    "- the env and config-remote scenarios show what the approval client sends; they are no boundary against a local holder of the gateway's shared token, which can obtain admin scope anyway",
  );
  return { head: ["What was not tested: besides what the run above shows, this proof does not cover:"], skipped, tail };
}

/** The Behavior field: the fix is claimed only by a proof that passed (every declared FAIL_TO_PASS scenario shown). */
function behavior(report: Report): string {
  const what =
    "A separate approval-runtime process that shares OPENCLAW_HOME with the gateway presents the approval-runtime token derived from the shared socket token and may resolve approvals; a client sent elsewhere by OPENCLAW_GATEWAY_URL, gateway.remote.url or its own gatewayUrl omits that token and presents its state dir's stable device identity.";
  if (report.mode === "proof" && report.status !== "passed") {
    return `Behavior or issue addressed: openclaw/openclaw#87105, NOT shown by this run: the comparison or preflight below did not hold (see Observed result). ${what} The scenario claims are in the table under Evidence.`;
  }
  return `Behavior or issue addressed: openclaw/openclaw#87105. ${what} The scenario claims are in the table under Evidence.`;
}

/** The strength line, and each variant the proof did not catch, by name. */
function strengthPart(report: Report): string[] {
  const s = report.strength;
  if (!s) return [];
  const missed = s.mutants.filter((m) => m.status === "survived");
  return [
    "",
    `Proof strength: ${strengthSummary(s)} (fix-reverting variants of openclaw ${oneLine(s.target.version)} from \`scenarios/mutants/\`)${missed.length ? `; not caught: ${missed.map((m) => code(m.id)).join(", ")}` : ""}.`,
    ...s.unfailed.map((u) => `- Finding about this proof: ${code(u.scenario)} expectation ${code(u.expectation)} never failed under ${u.mutants.map(code).join(", ")}, which should break it.`),
  ];
}

/** The PR rendering as parts, in order; each that may fold says so. */
export function proofParts(report: Report, opts: MarkdownOptions): Part[] {
  const d = opts.details ?? DEFAULT_DETAILS;
  const where = detailsWhere(d);
  const h = report.host;
  const multi = report.targets.length > 1;
  const nt = notTested(report);
  return [
    { name: "verdict", lines: [`**Approval-runtime proof of openclaw/openclaw#87105: ${verdictSentence(report)}**`, "", `The whole terminal output, every comparison row, the lifecycle steps and the sequence diagrams: ${where}.`, ""] },
    { name: "problem", lines: problemSection(report) },
    { name: "evidence head", lines: ["", "## Evidence", "", ...commandAndBuilds(report, opts.reportPath), "", "Each claim (one scenario) and its verdict on each build:", ""] },
    { name: "claims table", lines: claimsTable(report), folded: () => [...claimsTable(report, false), "", `_The claim sentences are folded to keep this under GitHub's comment limit: they are in ${where}._`] },
    { name: "terminal end", lines: ["", `The end of that command's terminal output (its stdout; the whole output is in ${where}):`, ...terminalEnd(report, opts.reportPath)] },
    { name: "findings for OpenClaw", lines: knownFindings(report), folded: foldNote("The findings for OpenClaw, with their reproduction,", where) },
    { name: "strength", lines: strengthPart(report) },
    { name: "failures", lines: failures(report), folded: () => rerunCommands(report) },
    { name: "FAIL_TO_PASS table", lines: report.comparison ? failToPassTable(report.comparison, where) : [], folded: foldNote("The FAIL_TO_PASS table", where) },
    { name: "compose", lines: composeSection(report), folded: foldNote("The Compose lane's topology", where) },
    {
      name: "six fields",
      lines: [
        "",
        "## Real behavior proof",
        "",
        behavior(report),
        "",
        "Real environment tested: a real OpenClaw gateway process and a separate approval-runtime OS process running OpenClaw's own `resolveApprovalOverGateway`, sharing one OPENCLAW_HOME sandbox, with a loopback WebSocket tap recording the frames between them.",
        ...report.targets.map((t) => targetLine(t, multi)),
        `- host: ${oneLine(`${h.os} ${h.release} ${h.arch}`)}, ${h.cpus} CPUs`,
        "",
        `Exact steps or command run after this patch: ${code(report.command)}`,
        "",
        `Evidence after fix: the terminal output of that command (its stdout): its end is the fenced block under Evidence above, as printed at the end of run ${code(report.runId)}, and the whole of it is in ${where}; the full evidence document is ${code(opts.reportPath)}.`,
        "",
        `Observed result after fix: ${verdictSentence(report)}`,
      ],
    },
    { name: "what decided each scenario", lines: [...decidingLines(report), ...(report.targets.some((t) => t.scenarios.some((s) => s.knownFinding)) ? ["- findings for OpenClaw, each with its reproduction: under Evidence above"] : [])], folded: foldNote("What decided each scenario's verdict", where) },
    { name: "not tested", lines: ["", ...nt.head] },
    { name: "skipped scenarios", lines: nt.skipped, folded: (size) => [`- ${nt.skipped.length} scenario and build pairs skipped, not run or not applicable (${size.toLocaleString("en-US")} characters, folded): each with its reason in ${where}`] },
    { name: "not covered", lines: nt.tail },
  ];
}

/** proof.md: the PR rendering, within the budget. */
export function renderMarkdownProof(report: Report, opts: MarkdownOptions): string {
  return fitToBudget(proofParts(report, opts), opts.budget ?? PR_BUDGET).text;
}
