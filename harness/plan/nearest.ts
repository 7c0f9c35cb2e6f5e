/** "Did you mean …?" for a mistyped option, command or scenario id: the nearest known word by edit distance. Pure. */

/** Levenshtein distance: the fewest single-character inserts, deletes and substitutions that turn a into b. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitute));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The candidate nearest to word within max(2, a third of word's length) edits (the first of equals wins), or null. */
export function nearestByEdits(word: string, candidates: readonly string[]): string | null {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** The only candidate that starts with word (3 characters or more), or null. */
export function onlyPrefixed(word: string, candidates: readonly string[]): string | null {
  const prefixed = word.length >= 3 ? candidates.filter((c) => c.startsWith(word)) : [];
  return prefixed.length === 1 ? (prefixed[0] ?? null) : null;
}

/** The candidate most likely meant by word: the nearest by edits, else the only one word begins; null when none is near. */
export function nearest(word: string, candidates: readonly string[]): string | null {
  return nearestByEdits(word, candidates) ?? onlyPrefixed(word, candidates);
}

/** A word as the user typed it, cut to max characters (with …) so a message that echoes it stays one short line. */
export function clip(word: string, max = 40): string {
  return word.length <= max ? word : `${word.slice(0, max - 1)}…`;
}
