/** Mermaid sequence diagrams of what the processes exchanged in each scenario (proof-details.md). Pure. */
import type { Report, ScenarioResult, WireConnection } from "../evidence/types.ts";
import { formatMs, oneLine, verdictLabel } from "./terminal.ts";
import { code, fenced } from "./markdown-parts.ts";

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

/** One diagram per scenario that ran, inside <details>; none when nothing ran. */
export function diagrams(report: Report): string[] {
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
