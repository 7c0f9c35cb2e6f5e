/**
 * A local check of a PR body against the rules of OpenClaw's real-behavior-proof gate
 * (openclaw/openclaw scripts/github/real-behavior-proof-policy.mjs, summarised in facts §8).
 * Written from those rules, so that a rendered proof is known to pass before it is pasted. Pure.
 */

export interface ProofField {
  key: "behavior" | "environment" | "steps" | "evidence" | "observedResult" | "notTested";
  /** The label this harness writes; the others are accepted spellings. */
  label: string;
  aliases: readonly string[];
  allowNone: boolean;
}

export const PROOF_FIELDS: readonly ProofField[] = [
  { key: "behavior", label: "Behavior or issue addressed", aliases: ["Issue addressed", "Behavior addressed"], allowNone: false },
  { key: "environment", label: "Real environment tested", aliases: ["Environment tested", "Real setup tested"], allowNone: false },
  {
    key: "steps",
    label: "Exact steps or command run after this patch",
    aliases: ["Exact steps or command run after the patch", "Exact steps or command run after fix", "Steps run after the patch", "Command run after the patch"],
    allowNone: false,
  },
  { key: "evidence", label: "Evidence after fix", aliases: ["After-fix evidence", "Evidence link or embedded proof", "Evidence"], allowNone: false },
  { key: "observedResult", label: "Observed result after fix", aliases: ["Observed result after the fix", "Observed result"], allowNone: false },
  { key: "notTested", label: "What was not tested", aliases: ["Not tested"], allowNone: true },
];

export interface ProofCheck {
  ok: boolean;
  problems: string[];
  /** Field values as the gate would read them ("" when missing). */
  fields: Record<ProofField["key"], string>;
}

const OTHER_LABELS = ["Before evidence", "Before evidence optional"];
const ALL_LABELS = [...PROOF_FIELDS.flatMap((f) => [f.label, ...f.aliases]), ...OTHER_LABELS];

const HEADING = /^#{2,6}\s+real behavior proof\b/i;
const PLACEHOLDER = /^(?:n\/?a|not applicable|tbd|todo|unknown|unsure|none provided|no evidence|not tested|untested|-|\[[^\]]*\])$/i;
const NONE_OK = /^(?:none|nothing else|no known gaps|no additional gaps)$/i;
const LONE_NOT_TESTED = /^\s*(?:[-*]\s*)?(?:n\/?a|not applicable|not tested|untested|no evidence|did not test|didn't test|could not test|couldn't test)\s*\.?\s*$/i;
const MOCK_WORDS = /\b(?:pnpm|npm|yarn|bun)\s+(?:run\s+)?(?:test|vitest|lint|typecheck|tsgo|build|check)\b|\b(?:vitest|unit tests?|mock(?:ed|s)?|snapshots?|lint|typechecks?|tsgo|ci(?:\s+passes?)?)\b/i;
const REAL_WORDS =
  /!\[[^\]]*\]\([^)]+\)|github\.com\/user-attachments\/assets\/|https?:\/\/\S+\.(?:png|jpe?g|gif|webp|mp4|mov|webm)\b|\b(?:screenshot|screen\s*recording|recording|terminal\s+(?:capture|screenshot|transcript|output)|console\s+(?:output|log)|runtime\s+logs?|redacted\s+logs?|live\s+output|actual\s+output|observed\s+output|stdout|stderr|stack trace|trace excerpt|log excerpt)\b/i;
const LIVE_COMMAND = /\b(?:openclaw|node|docker|curl|gh|ssh|adb|xcrun|xcodebuild|open|npm\s+run|pnpm\s+openclaw)\b/i;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `Label: value`, with an optional `- `/`* ` bullet, `**bold**` label and `(note)` after the label. */
function labelRe(label: string): RegExp {
  return new RegExp(`^\\s*(?:[-*]\\s*)?(?:\\*\\*)?${escapeRe(label)}(?:\\s*\\([^)]*\\))?(?:\\*\\*)?\\s*:\\s*(.*)$`, "i");
}

const LABEL_RES = ALL_LABELS.map(labelRe);

function fieldValueOnLine(line: string): string | null {
  for (const re of LABEL_RES) {
    const m = re.exec(line);
    if (m) return m[1] ?? "";
  }
  return null;
}

/** A line that closes the section: 1 to 6 `#` then whitespace and more text (on this or a later line). */
function endsSection(lines: string[], i: number): boolean {
  const line = lines[i] ?? "";
  if (/^#{1,6}\s+\S/.test(line)) return true;
  return /^#{1,6}\s*$/.test(line) && lines.slice(i + 1).some((l) => l.trim() !== "");
}

/** Section lines after the heading, and the problems found while cutting it. */
function extractSection(markdown: string, problems: string[]): string[] | null {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => HEADING.test(l));
  if (start < 0) return null;
  const section: string[] = [];
  let fence: string | null = null;
  for (let i = start + 1; i < lines.length; i += 1) {
    const line = lines[i] ?? "";
    if (endsSection(lines, i)) {
      if (fence !== null) problems.push(`a line inside a fenced block starts with '#', which ends the section early: ${JSON.stringify(line.slice(0, 60))}`);
      break;
    }
    const f = FENCE.exec(line)?.[1];
    if (f !== undefined) {
      if (fence === null) fence = f;
      else if (f[0] === fence[0] && f.length >= fence.length) fence = null;
    }
    section.push(line);
  }
  return section;
}

function readField(section: string[], field: ProofField): string {
  const res = [field.label, ...field.aliases].map(labelRe);
  const i = section.findIndex((l) => res.some((re) => re.test(l)));
  if (i < 0) return "";
  const first = fieldValueOnLine(section[i] ?? "") ?? "";
  const rest: string[] = [];
  for (const line of section.slice(i + 1)) {
    if (fieldValueOnLine(line) !== null) break;
    rest.push(line);
  }
  return [first, ...rest].join("\n").trim();
}

function hasRealOutput(text: string): boolean {
  const lines = text.split("\n");
  let open = -1;
  for (let i = 0; i < lines.length; i += 1) {
    const f = FENCE.exec(lines[i] ?? "");
    if (!f) continue;
    if (open < 0) open = i;
    else if (i - open >= 2) return true; // opening fence, at least one line, closing fence
    else open = -1;
  }
  return REAL_WORDS.test(text) || LIVE_COMMAND.test(text);
}

export function checkProofPolicy(markdown: string): ProofCheck {
  const problems: string[] = [];
  const fields = Object.fromEntries(PROOF_FIELDS.map((f) => [f.key, ""])) as Record<ProofField["key"], string>;
  const section = extractSection(markdown, problems);
  if (section === null || section.join("").trim() === "") {
    problems.push("no '## Real behavior proof' section (heading level 2 to 6) with content");
    return { ok: false, problems, fields };
  }
  for (const f of PROOF_FIELDS) {
    const value = readField(section, f);
    fields[f.key] = value;
    const missing = value === "" || (!(f.allowNone && NONE_OK.test(value)) && PLACEHOLDER.test(value));
    if (missing) problems.push(`field '${f.label}' is missing or only a placeholder`);
  }
  const content = section.map((l) => fieldValueOnLine(l) ?? l);
  const lone = content.find((l) => LONE_NOT_TESTED.test(l));
  if (lone !== undefined) problems.push(`a line says only ${JSON.stringify(lone.trim())}: the proof reads as not tested`);
  let fence: string | null = null;
  for (const line of section) {
    const f = FENCE.exec(line)?.[1];
    if (f !== undefined) fence = fence === null ? f : null;
    else if (fence !== null && /^#\s/.test(line)) problems.push(`fenced line starts with '# ': ${JSON.stringify(line.slice(0, 60))}`);
  }
  const evidence = `${fields.evidence}\n${fields.observedResult}`;
  const real = hasRealOutput(evidence);
  if (!real && MOCK_WORDS.test(`${evidence}\n${fields.steps}`)) {
    problems.push("evidence is mock-only (tests, mocks, snapshots, lint, typecheck or CI) with no real output");
  } else if (!real) {
    problems.push("evidence holds no real output (fenced output, terminal output, stdout, runtime log, or a live command)");
  }
  return { ok: problems.length === 0, problems, fields };
}
