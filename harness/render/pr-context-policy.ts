/**
 * A local check of a PR body against OpenClaw's current PR-context gate (openclaw/openclaw
 * scripts/github/real-behavior-proof-policy.mjs, evaluatePullRequestContext, read 2026-12-06), written from its rules
 * so that a rendered proof is known to pass before it is posted:
 * - the body needs authored sections under the headings "What Problem This Solves" and "Evidence" (levels 2 to 6,
 *   any text after the words; the last such heading counts);
 * - a section runs to the next heading of the same or a higher level, headings inside fences and HTML comments aside;
 * - it is missing when, with HTML comments and fence lines removed and one leading bullet dropped, it is empty or only
 *   n/a, none, not applicable, tbd, todo, unknown, unsure, none provided, no evidence, not tested, untested, did not
 *   test, could not test, `-`, a rule (---, ***, ___) or [bracketed] text (a final period allowed).
 * The gate falls back to the six-field "Real behavior proof" block only for PRs opened before the change; this check
 * does not, so a pass here means the authored sections carry the proof. Pure.
 */

export const PR_CONTEXT_SECTIONS = ["What Problem This Solves", "Evidence"] as const;
export type PrContextSection = (typeof PR_CONTEXT_SECTIONS)[number];

export interface PrContextCheck {
  ok: boolean;
  /** The sections the gate would call missing. */
  missing: PrContextSection[];
  /** Each section's text as the gate would read it ("" when there is none). */
  sections: Record<PrContextSection, string>;
}

const PLACEHOLDER =
  /^(?:n\/?a|none|not applicable|tbd|todo|unknown|unsure|none provided|no evidence|not tested|untested|did not test|didn't test|could not test|couldn't test|-|-{3,}|\*{3,}|_{3,}|\[[^\]]*\])\.?$/i;
const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** The fence a line opens or closes: the new open fence ("" when none is open). */
function fenceAfter(line: string, open: string): string {
  const m = FENCE_LINE.exec(line);
  if (!m) return open;
  const marker = m[1] ?? "";
  if (!open) return marker;
  return marker[0] === open[0] && marker.length >= open.length && (m[2] ?? "").trim() === "" ? "" : open;
}

/** The body with every HTML comment blanked (outside fences), lines kept in place. */
function maskComments(body: string): string[] {
  let inComment = false;
  let fence = "";
  return body.split("\n").map((raw) => {
    if (fence) {
      fence = fenceAfter(raw, fence);
      return raw;
    }
    let line = raw;
    let out = "";
    while (line.length) {
      if (inComment) {
        const end = line.indexOf("-->");
        if (end < 0) return `${out}${" ".repeat(line.length)}`;
        out += " ".repeat(end + 3);
        line = line.slice(end + 3);
        inComment = false;
        continue;
      }
      const start = line.indexOf("<!--");
      if (start < 0) {
        out += line;
        break;
      }
      out += line.slice(0, start);
      line = line.slice(start);
      inComment = true;
    }
    if (!inComment) fence = fenceAfter(out, "");
    return out;
  });
}

function headingLevel(line: string): number {
  return /^(#{1,6})\s+\S/.exec(line)?.[1]?.length ?? 0;
}

/** The text of the last section under `heading`, or null when there is no such heading. */
export function lastSection(body: string, heading: string): string | null {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const masked = maskComments(lines.join("\n"));
  const wanted = new RegExp(`^#{2,6}\\s+${heading.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i");
  let found: string[] | null = null;
  let current: string[] | null = null;
  let level = 0;
  let fence = "";
  for (let i = 0; i < lines.length; i += 1) {
    const line = masked[i] ?? "";
    const lvl = fence ? 0 : headingLevel(line);
    if (current && lvl > 0 && lvl <= level) {
      found = current;
      current = null;
    }
    if (!fence && wanted.test(line)) {
      current = [];
      level = lvl;
    } else if (current) current.push(lines[i] ?? "");
    fence = fenceAfter(line, fence);
  }
  if (current) found = current;
  return found === null ? null : found.join("\n").trim();
}

/** Whether a section's text counts as missing. Pure. */
export function isMissingSection(text: string): boolean {
  const kept = maskComments(text)
    .filter((l) => !FENCE_LINE.test(l))
    .join("\n")
    .trim()
    .replace(/^\s*[-*]\s+/, "");
  return kept === "" || PLACEHOLDER.test(kept);
}

export function checkPrContext(body: string): PrContextCheck {
  const sections = {} as Record<PrContextSection, string>;
  const missing: PrContextSection[] = [];
  for (const name of PR_CONTEXT_SECTIONS) {
    const text = lastSection(body, name);
    sections[name] = text ?? "";
    if (text === null || isMissingSection(text)) missing.push(name);
  }
  return { ok: missing.length === 0, missing, sections };
}
