/** Pure: where a mutant applies in a build's files, and the mutated text. No disk here (strength/build.ts reads). */
import { TOP_LEVEL_CHUNKS, type MutantDefinition, type MutantLocator } from "../plan/mutant-types.ts";

/** One file under the package's dist/: its path there ("/" separated) and its text. */
export interface DistFile {
  path: string;
  text: string;
}

/** How often one locator matched, and where when it matched exactly once. */
export interface LocatorCount {
  locator: number;
  matches: number;
  files: string[];
}

export type Located =
  | { status: "applies"; locator: number; file: string; offset: number; counts: LocatorCount[] }
  | { status: "not-applicable"; counts: LocatorCount[] };

/** Non-overlapping occurrences of `find` in `text`, by offset. */
export function occurrences(text: string, find: string): number[] {
  if (find === "") return [];
  const at: number[] = [];
  for (let i = text.indexOf(find); i >= 0; i = text.indexOf(find, i + find.length)) at.push(i);
  return at;
}

export function inScope(path: string, locator: Pick<MutantLocator, "files">): boolean {
  return new RegExp(locator.files ?? TOP_LEVEL_CHUNKS).test(path);
}

/** Count one locator over the files in its scope. */
export function countLocator(files: readonly DistFile[], locator: MutantLocator, index: number): LocatorCount & { first: { file: string; offset: number } | null } {
  let matches = 0;
  const hit: string[] = [];
  let first: { file: string; offset: number } | null = null;
  for (const f of files) {
    if (!inScope(f.path, locator)) continue;
    const at = occurrences(f.text, locator.find);
    if (!at.length) continue;
    matches += at.length;
    hit.push(f.path);
    first ??= { file: f.path, offset: at[0] as number };
  }
  return { locator: index, matches, files: hit, first };
}

/**
 * The mutant's locators in order: the first that matches exactly once applies. A locator that matches 0 or several
 * times is passed over; when none applies the mutant is not applicable, with every locator's count.
 */
export function locate(files: readonly DistFile[], mutant: Pick<MutantDefinition, "locators">): Located {
  const counts: LocatorCount[] = [];
  for (const [i, l] of mutant.locators.entries()) {
    const { first, ...count } = countLocator(files, l, i);
    counts.push(count);
    if (count.matches === 1 && first) return { status: "applies", locator: i, file: first.file, offset: first.offset, counts };
  }
  return { status: "not-applicable", counts };
}

/** The file's text with the located pattern replaced. */
export function mutate(text: string, offset: number, locator: Pick<MutantLocator, "find" | "replace">): string {
  if (text.slice(offset, offset + locator.find.length) !== locator.find) throw new Error(`the pattern is not at offset ${offset}`);
  return text.slice(0, offset) + locator.replace + text.slice(offset + locator.find.length);
}

/** One line on why a mutant does not apply: each locator's count. */
export function notApplicableReason(counts: readonly LocatorCount[]): string {
  return counts.map((c) => `locator ${c.locator + 1} matched ${c.matches === 0 ? "0 times" : `${c.matches} times (${c.files.slice(0, 3).join(", ")}${c.files.length > 3 ? ", …" : ""})`}`).join("; ");
}
