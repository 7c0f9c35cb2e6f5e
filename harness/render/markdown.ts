/**
 * The proof as a PR body, in OpenClaw's current format: the authored "What Problem This Solves" and "Evidence"
 * sections (markdown-evidence.ts), then the six-field "## Real behavior proof" block the older check reads
 * (facts §8), for PRs opened before the change; the sequence diagrams close the Evidence. Rendered from the report
 * alone (already redacted). No line of the six-field block may start with `#`: the older check ended the section at
 * such a line, even inside a fence. Pure.
 */
import type { Report, ScenarioResult, TargetRun, WireConnection } from "../evidence/types.ts";
import { formatMs, oneLine, verdictLabel } from "./terminal.ts";
import { isLoopbackAddress } from "../judge/summarize.ts";
import { composeSection } from "./compose-markdown.ts";
import { code, fenced, targetLine } from "./markdown-parts.ts";
import { evidenceSection, problemSection } from "./markdown-evidence.ts";

export { checkProofPolicy, PROOF_FIELDS, type ProofCheck } from "./proof-policy.ts";
export { checkPrContext } from "./pr-context-policy.ts";

export interface MarkdownOptions {
  /** Where the evidence document was written, as the reader should see it. */
  reportPath: string;
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

function observed(report: Report): string[] {
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
  const lines = [`Observed result after fix: ${head} ${perTarget.join("; ")}.${comparison}${pre}${hygiene}`];
  for (const t of report.targets) {
    for (const s of t.scenarios) {
      const text = s.status === "passed" || s.status === "failed" ? oneLine(s.deciding) : oneLine(s.skipReason ?? "no reason recorded");
      lines.push(`- ${multi ? `${t.role} ` : ""}${code(s.id)} ${verdictLabel(s.status)}: ${text}`);
    }
  }
  if (report.targets.some((t) => t.scenarios.some((s) => s.knownFinding))) lines.push("- findings for OpenClaw, each with its reproduction: under Evidence above");
  return lines;
}

function notTested(report: Report): string[] {
  const multi = report.targets.length > 1;
  const lines = ["What was not tested: besides what the run above shows, this proof does not cover:"];
  for (const t of report.targets) {
    for (const s of t.scenarios) {
      if (s.status !== "skipped" && s.status !== "not-run" && s.status !== "not-applicable") continue;
      const why = oneLine(s.skipReason ?? "no reason recorded");
      lines.push(`- ${code(s.id)}${multi ? ` on ${t.role} openclaw ${oneLine(t.target.version)}` : ""}: ${s.status.replace("-", " ")} (${why})`);
    }
  }
  if (report.notSelected.length) {
    lines.push(`- scenarios this run did not select: ${report.notSelected.map((n) => `${code(n.id)} (${n.group})`).join(", ")}`);
  }
  const usedCliUrl = report.targets.some((t) => t.scenarios.some((s) => (s.status === "passed" || s.status === "failed") && s.setup.gatewayUrlArg !== null));
  if (!usedCliUrl) lines.push("- the `cli --url` URL source (the `gatewayUrl` argument of `resolveApprovalOverGateway`)");
  // Where the gateway saw its peers, as the tap's upstream sockets recorded it.
  const peers = report.targets.flatMap((t) => t.scenarios.flatMap((s) => s.observations.wire.map((c) => c.upstreamLocalAddress)));
  lines.push(
    peers.every(isLoopbackAddress)
      ? "- a gateway on another host, on a non-loopback address or behind TLS: every connection here stayed on loopback"
      : "- a gateway on another host or behind TLS: the non-loopback connections here ran over this run's own veth pair, on one host",
    "- approval clients other than OpenClaw's own `resolveApprovalOverGateway` (apps, chat channels)",
    `- OpenClaw builds other than the ones listed above, and hosts other than ${oneLine(`${report.host.os} ${report.host.arch}`)}`,
    "- the env and config-remote scenarios show what the approval client sends; they are no boundary against a local holder of the gateway's shared token, which can obtain admin scope anyway",
  );
  return lines;
}

/** Mermaid-safe message text: no statement separators, comments, entity codes or HTML. */
function mm(s: string): string {
  return oneLine(s).replace(/;/g, ",").replace(/#/g, "no.").replace(/%%/g, "%").replace(/</g, "‹").replace(/>/g, "›");
}

function connectLines(w: WireConnection): string[] {
  const c = w.connect;
  if (!c) return ["  Runtime->>Tap: connection opened, no connect frame seen"];
  const t = c.approvalRuntimeToken;
  const token = t ? `approvalRuntimeToken present ${t.equalsDerived ? "= derived" : "≠ derived"}` : "approvalRuntimeToken absent";
  const device = c.deviceId ? `device ${c.deviceId.slice(0, 12)}…` : "device absent";
  const out = [`  Runtime->>Tap: connect, ${mm(token)}, ${mm(device)}`, "  Tap->>Gateway: connect, forwarded unchanged"];
  if (w.hello) out.push(`  Gateway-->>Runtime: ${w.hello.ok ? "hello-ok" : mm(`connect refused ${w.hello.errorCode ?? ""} ${w.hello.reason ?? ""}`)}`);
  for (const r of w.rpcs) {
    const answer = r.ok === null ? "no answer" : r.ok ? "ok" : `${r.errorCode ?? "error"} ${r.reason ?? ""}`;
    out.push(`  Runtime->>Tap: ${mm(r.method)}`, `  Tap->>Gateway: ${mm(r.method)}`, `  Gateway-->>Runtime: ${mm(answer)}`);
  }
  return out;
}

/** The Behavior field: the fix is claimed only by a proof that passed (every declared FAIL_TO_PASS scenario shown). */
function behavior(report: Report): string {
  const what =
    "A separate approval-runtime process that shares OPENCLAW_HOME with the gateway presents the approval-runtime token derived from the shared socket token and may resolve approvals; a client sent elsewhere by OPENCLAW_GATEWAY_URL, gateway.remote.url or its own gatewayUrl omits that token and presents its state dir's stable device identity.";
  if (report.mode === "proof" && report.status !== "passed") {
    return `Behavior or issue addressed: openclaw/openclaw#87105, NOT shown by this run: the comparison or preflight below did not hold (see Observed result). ${what} The scenario claims are listed under What Problem This Solves.`;
  }
  return `Behavior or issue addressed: openclaw/openclaw#87105. ${what} The scenario claims are listed under What Problem This Solves.`;
}

export function sequenceDiagram(s: ScenarioResult): string[] {
  const o = s.observations;
  const lines = ["sequenceDiagram", "  participant Requester", "  participant Runtime as Runtime (approval-runtime process)", "  participant Tap", "  participant Gateway"];
  const r = o.requester;
  if (r) lines.push(`  Requester->>Gateway: exec.approval.request, ${r.accepted ? "accepted" : mm(`refused ${r.requestError ?? ""}`)}`);
  if (o.wire.length === 0) lines.push("  Note over Runtime,Tap: no connection reached the tap");
  for (const w of o.wire) lines.push(...connectLines(w));
  for (const r of s.refusals) lines.push(`  Note over Gateway: ${mm(`${r.at} refused by ${r.refusedBy}`)}`);
  const rt = o.runtime;
  if (rt) {
    const end = rt.timedOut ? `timed out after ${formatMs(rt.wallMs)}` : `exit ${rt.exitCode ?? rt.signal ?? "unknown"}${rt.ok === false ? `, ${rt.errorCode ?? rt.errorName ?? "error"}` : ""}`;
    lines.push(`  Note over Runtime: ${mm(end)}`);
  }
  const c = o.control;
  if (c?.pendingAfterRuntime) lines.push(`  Note over Gateway: still pending after the runtime ended, settled with ${mm(c.settledWith ?? "nothing")} by the admin control client`);
  if (r?.accepted) {
    const from = r.finalSource === "runtime" ? "from the runtime" : r.finalSource === "control-settle" ? "settled by the control client" : "no source";
    lines.push(`  Gateway-->>Requester: ${mm(r.finalDecision ? `${r.finalDecision} (${from})` : "no final decision")}`);
  }
  return lines;
}

function diagrams(report: Report): string[] {
  const multi = report.targets.length > 1;
  const out: string[] = [];
  for (const t of report.targets) {
    for (const s of t.scenarios) {
      if (s.status !== "passed" && s.status !== "failed") continue;
      out.push("", `${multi ? `${t.role} ` : ""}openclaw ${oneLine(t.target.version)}, ${code(s.id)}: ${verdictLabel(s.status)}`, "", ...fenced("mermaid", sequenceDiagram(s)));
    }
  }
  if (out.length === 0) return [];
  return ["", "<details>", "<summary>Sequence diagrams: what the processes exchanged in each scenario</summary>", ...out, "", "</details>"];
}

export function renderMarkdownProof(report: Report, opts: MarkdownOptions): string {
  const multi = report.targets.length > 1;
  const h = report.host;
  const lines = [
    ...problemSection(report),
    "",
    ...evidenceSection(report, opts.reportPath),
    ...composeSection(report),
    ...diagrams(report),
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
    `Evidence after fix: the terminal output of that command (its stdout) is the fenced block under Evidence above, as printed at the end of run ${code(report.runId)}; the full evidence document is ${code(opts.reportPath)}.`,
    "",
    ...observed(report),
    "",
    ...notTested(report),
  ];
  return `${lines.join("\n")}\n`;
}
