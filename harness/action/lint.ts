/**
 * The two zizmor audits that matter for a composite action and the workflows that call it, enforced here because
 * zizmor itself cannot be installed on these machines (not on npm or in Debian):
 * - template-injection: no `${{ … }}` inside a `run:` script (or an actions/github-script `script:`): inputs and
 *   contexts reach a shell only through `env:`;
 * - unpinned-uses: every `uses:` other than a local `./` action is pinned to a full 40-hex commit, with the tag it
 *   stands for in a comment on the same line.
 * Read with a YAML parser (yaml on npm), so anchors, block scalars and quoting are read as GitHub reads them. Pure.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, visit, type Node, type Pair } from "yaml";

export interface LintProblem {
  rule: "template-injection" | "unpinned-uses" | "yaml";
  path: string;
  detail: string;
}

const PINNED = /^[\w.-]+\/[\w.-]+(?:\/[^@\s]+)?@[0-9a-f]{40}$/;

function keyOf(p: Pair): string {
  return isScalar(p.key) ? String(p.key.value) : "";
}

export function lintWorkflow(text: string): LintProblem[] {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length) return doc.errors.map((e) => ({ rule: "yaml", path: "", detail: e.message }));
  const problems: LintProblem[] = [];
  visit(doc, {
    Pair(_key, pair, path) {
      const name = keyOf(pair as Pair);
      const value = (pair as Pair).value as Node | null;
      const where = [...where_(path, pair as Pair), name].join(".");
      if ((name === "run" || (name === "script" && inGithubScript(path))) && isScalar(value) && /\$\{\{/.test(String(value.value))) {
        problems.push({ rule: "template-injection", path: where, detail: `an expression inside ${name}: pass it through env: and read "$VAR"` });
      }
      if (name === "uses" && isScalar(value)) {
        const ref = String(value.value).trim();
        if (ref.startsWith("./")) return;
        if (!PINNED.test(ref)) problems.push({ rule: "unpinned-uses", path: where, detail: `${ref} is not pinned to a full 40-hex commit` });
        else if (!/^\s*v?\d[\w.-]*/.test(value.comment ?? "")) problems.push({ rule: "unpinned-uses", path: where, detail: `${ref} has no tag comment (# vX.Y.Z) beside its commit` });
      }
    },
  });
  return problems;
}

/** The pair's place as keys and sequence indexes (jobs.proof.steps.2). */
function where_(path: readonly unknown[], self: Pair): string[] {
  const out: string[] = [];
  path.forEach((n, i) => {
    if (isPair(n)) out.push(keyOf(n));
    else if (isSeq(n)) out.push(String(n.items.indexOf((path[i + 1] ?? self) as never)));
  });
  return out;
}

/** Whether the pair sits in a step whose `uses:` is actions/github-script (its `with.script` is a script). */
function inGithubScript(path: readonly unknown[]): boolean {
  const step = [...path].reverse().find((n) => isMap(n) && n.items.some((i) => isPair(i) && keyOf(i) === "uses"));
  if (!step || !isMap(step)) return false;
  const uses = step.items.find((i) => isPair(i) && keyOf(i) === "uses");
  return isPair(uses) && isScalar(uses.value) && String(uses.value.value).startsWith("actions/github-script@");
}

