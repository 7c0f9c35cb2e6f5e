/** Small text helpers every renderer shares. Pure. */

/** One line, no control characters: report strings come from logs and errors. */
export function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s{2,}/g, " ").trim();
}

/** Markdown table cell: one line, pipes escaped. */
export function cell(s: string): string {
  return oneLine(s).replace(/\|/g, "\\|");
}

export function formatMs(ms: number | null): string {
  if (ms === null) return "-";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
