/**
 * What the documentation test (harness/docs.test.ts) reads out of a Markdown page: the `corepack pnpm …` commands and
 * the repository paths it cites, each with its line. Pure: no file is read here and nothing is run.
 *
 * Commands. Every fenced block and every inline code span is read as shell text: a backslash at the end of a line
 * continues it, `#` at the start of a word begins a comment, and `|`, `||`, `&&`, `;`, `&`, `(` and `)` end a simple
 * command (so `corepack pnpm smoke --json | node -e '…'` is `smoke --json`). Redirections (`> file`, `2>&1`, `< in`)
 * are dropped with their target. In a simple command, the words after `corepack pnpm` are the command; a simple
 * command that starts with `pnpm` (after any `NAME=value` words) is one too, so prose like `pnpm bench --profile` is
 * checked as well.
 *
 * Placeholders. A word in angle brackets (`<commit>`, `<report.json…>`), an upper-case word (`SPEC`, `ID`, `N`,
 * `FILE`), a word with `…` and a `$VARIABLE` stand for a value the reader picks. They are substituted, not skipped:
 * a sample that fits the option before it (a number for the numeric options, a scenario id for `--scenario`), so the
 * syntax around them is still checked; a placeholder scenario id is not checked against the catalog.
 */

/**
 * A command as documented: the words after `pnpm`, the text it came from and its line (1-based). `mention`: inline
 * code without a single option (`pnpm bisect`, `pnpm matrix merge`) names a command in prose; only that it exists is
 * checked, not the arguments it would need to run.
 */
export interface DocCommand {
  line: number;
  text: string;
  words: string[];
  mention: boolean;
}

/** A path a page cites, as written (inline code or a link target), and its line. */
export interface DocPath {
  line: number;
  path: string;
  kind: "code" | "link";
}

interface Fence {
  line: number;
  lang: string;
  lines: string[];
}

/** The page split into fenced blocks and the rest (fence lines blanked, so offsets keep their line). */
function split(md: string): { fences: Fence[]; prose: string } {
  const lines = md.split("\n");
  const fences: Fence[] = [];
  const prose: string[] = [];
  let open: { marker: string; fence: Fence } | null = null;
  lines.forEach((l, i) => {
    const m = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)/.exec(l);
    if (open) {
      prose.push("");
      if (m && m[1]?.[0] === open.marker[0] && (m[1]?.length ?? 0) >= open.marker.length && l.trim() === m[1]) open = null;
      else open.fence.lines.push(l);
      return;
    }
    if (m) {
      open = { marker: m[1] ?? "```", fence: { line: i + 1, lang: (m[2] ?? "").toLowerCase(), lines: [] } };
      fences.push(open.fence);
      prose.push("");
      return;
    }
    prose.push(l);
  });
  return { fences, prose: prose.join("\n") };
}

/** Inline code spans outside fences, with the line each starts on. */
export function inlineCode(md: string): Array<{ line: number; text: string }> {
  const { prose } = split(md);
  const out: Array<{ line: number; text: string }> = [];
  const re = /(`+)([\s\S]*?[^`])\1(?!`)/g;
  for (let m = re.exec(prose); m; m = re.exec(prose)) {
    const body = (m[2] ?? "").replace(/\n/g, " ");
    // CommonMark: one leading and trailing space are stripped when both are there.
    const text = /^ .* $/.test(body) && body.trim() ? body.slice(1, -1) : body;
    out.push({ line: lineAt(prose, m.index), text });
  }
  return out;
}

function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

type Token = { word: string } | { op: string };

/** One logical shell line into words (quotes removed) and operators; tolerant of unbalanced quotes. */
export function shellTokens(line: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line[i] as string;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "#") break;
    const angle = /^<[^<>\s]+>/;
    const op = /^(\d?>>?&?\d?|&>|<|\|\||\||&&|;|&|\(|\))/.exec(line.slice(i));
    if (op && !angle.test(line.slice(i))) {
      out.push({ op: op[1] as string });
      i += (op[1] as string).length;
      continue;
    }
    let word = "";
    while (i < n) {
      const d = line[i] as string;
      const placeholder = d === "<" ? angle.exec(line.slice(i)) : null;
      if (placeholder) {
        // `<commit>`, `reports/<run-id>/`: a placeholder, not a redirection.
        word += placeholder[0];
        i += placeholder[0].length;
        continue;
      }
      if (d === " " || d === "\t" || d === "|" || d === ";" || d === "&" || d === "<" || d === ">" || d === "(" || d === ")") {
        if (d === "(" && word.endsWith("$")) {
          // $( … ): a command substitution stays inside its word.
          let depth = 0;
          for (; i < n; i++) {
            word += line[i];
            if (line[i] === "(") depth++;
            else if (line[i] === ")" && --depth === 0) break;
          }
          i++;
          continue;
        }
        break;
      }
      if (d === "'") {
        const end = line.indexOf("'", i + 1);
        word += line.slice(i + 1, end < 0 ? n : end);
        i = end < 0 ? n : end + 1;
      } else if (d === '"') {
        let j = i + 1;
        for (; j < n && line[j] !== '"'; j++) word += line[j] === "\\" && j + 1 < n ? (line[++j] as string) : line[j];
        i = j + 1;
      } else if (d === "\\" && i + 1 < n) {
        word += line[i + 1];
        i += 2;
      } else {
        word += d;
        i++;
      }
    }
    out.push({ word });
  }
  return out;
}

/** Simple commands of a logical line: operators split them, redirections go with their target. */
export function simpleCommands(line: string): string[][] {
  const out: string[][] = [[]];
  const tokens = shellTokens(line);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if ("word" in t) {
      (out[out.length - 1] as string[]).push(t.word);
      continue;
    }
    if (/[<>]/.test(t.op)) {
      if (!/&\d$/.test(t.op)) i++; // `> file`: drop the file too; `2>&1` has no target word
      continue;
    }
    out.push([]);
  }
  return out.filter((c) => c.length > 0);
}

/** The words after `pnpm` in a simple command, or null when it runs no pnpm. */
export function pnpmWords(words: readonly string[]): string[] | null {
  for (let i = 0; i + 1 < words.length; i++) if (words[i] === "corepack" && words[i + 1] === "pnpm") return words.slice(i + 2);
  let i = 0;
  while (i < words.length && /^[A-Za-z_]\w*=/.test(words[i] as string)) i++;
  return words[i] === "pnpm" ? words.slice(i + 1) : null;
}

/** Join lines that end with a backslash (the line of each logical line is its first). */
function logicalLines(lines: readonly string[], first: number): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  let cur: { line: number; text: string } | null = null;
  lines.forEach((l, i) => {
    const cont = /\\$/.test(l) && !/\\\\$/.test(l);
    const body = cont ? l.slice(0, -1) : l;
    if (cur) cur.text += ` ${body.trim()}`;
    else cur = { line: first + i, text: body };
    if (!cont) {
      out.push(cur);
      cur = null;
    }
  });
  if (cur) out.push(cur);
  return out;
}

/** Every pnpm command of a page: in fences (not YAML, JSON or code in other languages) and in inline code. */
export function extractCommands(md: string): DocCommand[] {
  const out: DocCommand[] = [];
  const take = (line: number, text: string, inline: boolean): void => {
    if (!/\bpnpm\b/.test(text)) return;
    for (const words of simpleCommands(text)) {
      const after = pnpmWords(words);
      if (after && after.length) out.push({ line, text: text.trim(), words: after, mention: inline && !after.some((w) => w.startsWith("-")) });
    }
  };
  for (const f of split(md).fences) {
    if (!["", "sh", "bash", "shell", "console", "text"].includes(f.lang)) continue;
    for (const l of logicalLines(f.lines, f.line + 1)) take(l.line, l.text, false);
  }
  for (const c of inlineCode(md)) take(c.line, c.text, true);
  return out;
}

/** A word that stands for a value the reader picks (see the module comment). */
export function isPlaceholder(word: string): boolean {
  return /<[^>]*>/.test(word) || word.includes("…") || /^\$/.test(word) || /^[A-Z][A-Z0-9_]*$/.test(word);
}

/** Options that take a number: a placeholder after one becomes 1. */
const NUMERIC = new Set(["--runs", "--concurrency", "--ready-timeout", "--runtime-timeout", "--strength-break", "--keep"]);

/** A sample scenario id for a placeholder after --scenario (syntax only; never checked against the catalog). */
export const SAMPLE_SCENARIO = "local-token-handoff";

/** Placeholders replaced by samples that fit the option before each; the scenario ids that were placeholders. */
export function substitute(words: readonly string[]): { argv: string[]; placeholderScenarios: number } {
  let placeholderScenarios = 0;
  const argv = words.map((w, i) => {
    if (!isPlaceholder(w)) return w;
    const prev = words[i - 1] ?? "";
    if (NUMERIC.has(prev)) return "1";
    if (prev === "--scenario") {
      placeholderScenarios++;
      return SAMPLE_SCENARIO;
    }
    return "placeholder";
  });
  return { argv, placeholderScenarios };
}

/** Paths a page cites: inline code that is one path-like word, and relative link targets. */
export function extractPaths(md: string, knownExtensions: readonly string[]): DocPath[] {
  const out: DocPath[] = [];
  const ext = new RegExp(`\\.(${knownExtensions.map((e) => e.replace(/\./g, "\\.")).join("|")})$`);
  for (const c of inlineCode(md)) {
    const t = c.text.trim();
    if (!t || /\s/.test(t) || /^[-$~/]|:\/\/|[*?[\]{}]|\$|@|=/.test(t) || isPlaceholder(t)) continue;
    if (!/^[\w.-]+(\/[\w.-]+)*\/?$/.test(t)) continue;
    if (t.includes("/") || ext.test(t)) out.push({ line: c.line, path: t, kind: "code" });
  }
  const { prose } = split(md);
  const re = /\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
  for (let m = re.exec(prose); m; m = re.exec(prose)) {
    const target = (m[1] ?? "").replace(/#.*$/, "");
    if (!target || /^[a-z][\w+.-]*:/i.test(target) || target.startsWith("/") || isPlaceholder(target)) continue;
    out.push({ line: lineAt(prose, m.index), path: decodeURI(target), kind: "link" });
  }
  return out;
}

/** `wc -w`: runs of characters that are not white space. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
