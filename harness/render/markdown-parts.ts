/** Pieces every part of the proof Markdown uses: inline code, fences, sizes, a target's provenance line. Pure. */
import type { TargetInfo, TargetRun } from "../evidence/types.ts";
import { exactHead } from "./rerun.ts";
import { formatMs, oneLine } from "./terminal.ts";

/** Inline code that survives backticks in the text. */
export function code(s: string): string {
  const text = oneLine(s);
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const tick = "`".repeat(longest + 1);
  return longest > 0 ? `${tick} ${text} ${tick}` : `${tick}${text}${tick}`;
}

/**
 * A fenced block whose fence is longer than any backtick run inside. No body line starts with `#`: the older PR check
 * ended the proof section at such a line even inside a fence.
 */
export function fenced(info: string, body: string[]): string[] {
  const longest = Math.max(2, ...body.flatMap((l) => [...l.matchAll(/`+/g)].map((m) => m[0].length)));
  const fence = "`".repeat(longest + 1);
  return [`${fence}${info}`, ...body.map((l) => (l.startsWith("#") ? ` ${l}` : l)), fence];
}

export function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

/** Where a build came from: its spec, integrity or tarball hash, and a checkout's exact head. */
export function provenance(t: TargetInfo): string {
  const parts = [`${t.kind} ${code(t.spec)}`];
  if (t.integrity) parts.push(`integrity ${code(`${t.integrity.slice(0, 19)}…`)}`);
  if (t.tarballSha256) parts.push(`tarball sha256 ${code(t.tarballSha256.slice(0, 16))}`);
  const head = exactHead(t);
  if (head) parts.push(t.gitDirty ? `${code(`openclaw@${t.gitCommit ?? ""}`)} with **uncommitted changes** (not a PR's exact head)` : code(head));
  return parts.join(", ");
}

export function targetLine(t: TargetRun, multi: boolean): string {
  const rss = Math.max(0, ...t.gateways.map((g) => g.peakRssBytes ?? 0));
  const ready = t.timings.gatewayReadyMs === null ? "gateway never ready" : `gateway hello-ok after ${formatMs(t.timings.gatewayReadyMs)}`;
  const peak = rss > 0 ? `, gateway peak RSS ${gib(rss)}` : "";
  const migrated = t.gateways.map((g) => g.stateMigration).find((m) => m !== undefined);
  const migration = migrated ? `; before each gateway, the build's own \`${oneLine(migrated.command)}\` took the legacy exec-approvals.json into its SQLite store (${oneLine(migrated.reason)})` : "";
  return `- ${multi ? `${t.role}: ` : ""}openclaw ${oneLine(t.target.version)} (${provenance(t.target)}), Node ${oneLine(t.target.nodeVersion)}, ${ready}${peak}${migration}`;
}
