/**
 * The Compose lane's part of the proof Markdown: per topology, its compose.yaml (for the official image), whether the
 * sidecar resolved the approval, and the gateway container's ready time; and, in one plain sentence, which topology
 * lets a sidecar resolve approvals. Rendered from the report alone. Pure.
 */
import type { ComposeLayoutEvidence, Report, ScenarioResult } from "../evidence/types.ts";
import { formatMs, oneLine, verdictLabel } from "./terminal.ts";

/** The sidecar resolved the approval itself: its call succeeded and the requester got allow-once from it. Pure. */
export function sidecarResolved(s: ScenarioResult): boolean {
  const r = s.observations.requester;
  return s.observations.runtime?.ok === true && r?.finalDecision === "allow-once" && r.finalSource === "runtime";
}

/** Where the official layout came from: the build's own document and what it says, or that none states one. Pure. */
export function layoutSource(l: ComposeLayoutEvidence): string {
  if (!l.document) return "is stated in none of this build's docs: the CLI runs on the project network, as before openclaw/openclaw#5559";
  return `as this build's \`${l.document}\` states it: "${oneLine(l.quote ?? "")}"`;
}

export function composeSection(report: Report): string[] {
  const runs = report.targets.flatMap((t) => t.scenarios.filter((s) => s.observations.compose !== null || s.setup.client === "compose-sidecar").map((s) => ({ t, s })));
  if (runs.length === 0) return [];
  const multi = report.targets.length > 1;
  const lines = ["", "Docker Compose topologies (each compose.yaml uses the official image `ghcr.io/openclaw/openclaw:<version>`, secrets as placeholders):"];
  for (const { t, s } of runs) {
    const c = s.observations.compose;
    const who = `${multi ? `${t.role} ` : ""}openclaw ${oneLine(t.target.version)}`;
    if (!c || (s.status !== "passed" && s.status !== "failed")) {
      lines.push(`- \`${s.id}\` (${who}): ${verdictLabel(s.status)}, ${oneLine(s.skipReason ?? "no reason recorded")}`);
      continue;
    }
    const ready = c.gatewayReadyMs === null ? "gateway container never ready" : `gateway container ready ${formatMs(c.gatewayReadyMs)} after \`compose up\``;
    const outcome = sidecarResolved(s) ? "the sidecar RESOLVED the approval" : "the sidecar could NOT resolve the approval";
    const image = `image ${c.image.id.replace(/^sha256:/, "").slice(0, 12)}${c.image.cached ? " (cached)" : ""}`;
    lines.push(`- \`${s.id}\` (${who}): ${verdictLabel(s.status)}, ${outcome}; [compose.yaml](${c.composeFile}); ${ready}; ${image}, ${oneLine(c.compose)}, subnet ${c.subnet}`);
    if (c.layout) lines.push(`  - OpenClaw's layout ${layoutSource(c.layout)}`);
  }
  const resolving = [...new Set(runs.filter(({ s }) => sidecarResolved(s)).map(({ s }) => s.id))];
  const ran = runs.filter(({ s }) => s.status === "passed" || s.status === "failed");
  if (ran.length > 0) {
    lines.push(
      resolving.length
        ? `Which topology lets a sidecar resolve approvals: only ${resolving.map((id) => `\`${id}\``).join(", ")}. In every other topology run here the sidecar could not.`
        : "Which topology lets a sidecar resolve approvals: none of those run here.",
    );
  }
  return lines;
}
