/**
 * A Markdown document under a size budget, by folding whole parts: GitHub refuses a PR or issue comment over 65,536
 * characters (HTTP 422, "Body is too long"), so the PR rendering keeps to PR_BUDGET and the job summary, capped at
 * 1 MiB a step, to SUMMARY_BUDGET. The document is a list of parts; a part that may fold gives its short form. While
 * the text is over the budget, the longest unfolded part folds first (as check-spelling drops whole sections of its PR
 * comment in a fixed order). A part is a run of whole lines (a table, a fence, a list), so a fold never cuts inside a
 * fence or a table; the short form says what was folded and where the full text is. Pure.
 */

/** The PR rendering's budget: under GitHub's 65,536, with room for the comment's own header line. */
export const PR_BUDGET = 60_000;
/** The job summary's budget in UTF-8 bytes: GitHub aborts a step summary over 1024 KiB; this leaves room for the PR rendering beside it. */
export const SUMMARY_BUDGET = 900_000;

export interface Part {
  /** A name for tests and for the folded list ("sequence diagrams"). */
  name: string;
  lines: string[];
  /** The lines that stand in for this part once folded; absent: the part never folds. */
  folded?: (size: number) => string[];
}

export interface Fitted {
  text: string;
  /** The parts that were folded, in the order they folded, with their full size in characters. */
  folded: { name: string; chars: number }[];
  /** Whether the text is within the budget (false only when the parts that never fold are over it alone). */
  fits: boolean;
}

function join(parts: readonly string[][]): string {
  return `${parts.flat().join("\n")}\n`;
}

/** How a text is measured against its budget: characters (a comment's limit) or UTF-8 bytes (the job summary's). */
export type Measure = (text: string) => number;
export const characters: Measure = (text) => text.length;
export const utf8Bytes: Measure = (text) => Buffer.byteLength(text, "utf8");

/** The parts joined, folding the longest foldable part first until the text fits the budget. */
export function fitToBudget(parts: readonly Part[], budget: number, measure: Measure = characters): Fitted {
  const current = parts.map((p) => p.lines);
  const size = (i: number): number => (current[i] ?? []).reduce((n, l) => n + l.length + 1, 0);
  const folded: Fitted["folded"] = [];
  const done = new Set<number>();
  let text = join(current);
  while (measure(text) > budget) {
    let pick = -1;
    for (let i = 0; i < parts.length; i += 1) {
      if (done.has(i) || !parts[i]?.folded) continue;
      if (pick < 0 || size(i) > size(pick)) pick = i;
    }
    if (pick < 0) break;
    const part = parts[pick] as Part;
    const chars = size(pick);
    done.add(pick);
    const short = part.folded?.(chars) ?? [];
    // A short form that is not shorter is no fold: keep the part whole.
    if (short.reduce((n, l) => n + l.length + 1, 0) >= chars) continue;
    current[pick] = short;
    folded.push({ name: part.name, chars });
    text = join(current);
  }
  return { text, folded, fits: measure(text) <= budget };
}

/** The limits a document is folded for, as its fold notes name them. */
export const COMMENT_LIMIT = "GitHub's comment limit";
export const SUMMARY_LIMIT = "GitHub's 1 MiB job-summary limit";

/** The standard short form: one line that names the part, its size, the limit and where the full text is. */
export function foldNote(what: string, where: string, limit: string = COMMENT_LIMIT): (size: number) => string[] {
  return (size) => ["", `_${what} (${size.toLocaleString("en-US")} characters) is folded to keep this under ${limit}: the full text is in ${where}._`];
}
