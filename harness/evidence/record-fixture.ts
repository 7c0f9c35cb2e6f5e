/**
 * Keeps a real run's report.json (or matrix.json) as a recorded fixture in fixtures/reports/recorded/, with this
 * machine's paths replaced: the checkout by $REPO, the home by $HOME, the run folder's parent by `reports`, the temp
 * dir by $TMPDIR; the document is schema-checked before it is written. Secrets are already redacted in every report.
 *   node harness/evidence/record-fixture.ts <report.json|matrix.json> <name>
 */
import { readFileSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { validateReport } from "./validate.ts";
import { validateMatrix } from "./validate-matrix.ts";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const RECORDED = join(REPO, "fixtures", "reports", "recorded");

/** The text with each machine path replaced by its placeholder, longest first. Pure. */
export function scrubPaths(text: string, paths: Record<string, string>): string {
  const pairs = Object.entries(paths).filter(([from]) => from.length > 1).sort((a, b) => b[0].length - a[0].length);
  return pairs.reduce((t, [from, to]) => t.split(from).join(to), text);
}

function main(file: string, name: string): void {
  const reportsRoot = dirname(dirname(resolve(file)));
  const text = scrubPaths(readFileSync(file, "utf8"), { [REPO]: "$REPO", [reportsRoot]: "reports", [homedir()]: "$HOME", [tmpdir()]: "$TMPDIR" });
  const doc: unknown = JSON.parse(text);
  const v = basename(file) === "matrix.json" ? validateMatrix(doc) : validateReport(doc);
  if (!v.ok) throw new Error(`${file}: not a valid document: ${v.errors.slice(0, 3).join("; ")}`);
  writeFileSync(join(RECORDED, `${name}.json`), `${JSON.stringify(doc)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, name] = process.argv.slice(2);
  if (!file || !name) {
    process.stderr.write("usage: node harness/evidence/record-fixture.ts <report.json|matrix.json> <name>\n");
    process.exit(2);
  }
  main(file, name);
}
