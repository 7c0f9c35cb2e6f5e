/**
 * The documentation holds against the code, without running anything: every README.md of the repository (and the
 * Markdown pages they link to) is read, each `corepack pnpm …` command in it must parse for its command with the
 * CLI's own parser (scenario ids checked against the catalog as a run would), each other pnpm command must be a
 * package.json script, an installed bin or a pnpm command, and each repository path it cites must exist. The
 * top-level README stays readable in five minutes: at most 1,200 words (`wc -w README.md`).
 *
 * The rules for reading commands and placeholders are in harness/docs-commands.ts. A path is checked when it is a
 * relative link (against the page's folder, as Markdown resolves it) or inline code that is one path-like word:
 * - with a `/`: when its first segment is an entry of the repository root or of the page's folder, it must exist
 *   from there (`harness/cli/args.ts`, or `cli/` in harness/README.md); otherwise it is another project's path
 *   (OpenClaw's `src/gateway/call.ts`, a build's `dist/`) and is not checked;
 * - a bare file name with a known extension: it must be in the page's folder or at the root, unless it is one of
 *   NOT_REPO_FILES (what a run writes, or OpenClaw's own files);
 * - skipped: URLs, absolute and `~`/`$` paths, globs, placeholders, and what lies under reports/ (run folders) except
 *   reports/README.md.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { changes } from "../scenarios/changes.ts";
import { parseCli } from "./cli/args.ts";
import { extractCommands, extractPaths, isPlaceholder, pnpmWords, simpleCommands, substitute, wordCount } from "./docs-commands.ts";
import { UsageError } from "./errors.ts";
import { loadCatalog } from "./plan/catalog.ts";
import { defaultMatrixScenarios } from "./matrix/plan.ts";
import { planRun, selectScenarios } from "./plan/plan.ts";
import type { ScenarioDefinition } from "./plan/scenario-types.ts";
import { requiredForProof } from "./plan/validate-catalog.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const TOP_README_MAX_WORDS = 1200;

const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, path), "utf8")) as Record<string, unknown>;
/** The harness's run commands: bins of harness/cli/commands (`corepack pnpm smoke`), plus `run cache` (a script). */
const HARNESS_BINS = new Set(Object.keys(readJson("harness/cli/commands/package.json").bin as Record<string, string>));
const SCRIPTS = new Set(Object.keys(readJson("package.json").scripts as Record<string, string>));
const BINS = new Set(existsSync(join(ROOT, "node_modules/.bin")) ? readdirSync(join(ROOT, "node_modules/.bin")) : []);
/** pnpm's own commands a page may show (pnpm runs these before any script or bin of the same name). */
const PNPM_BUILTINS = new Set(["install", "i", "add", "remove", "update", "exec", "dlx", "run", "list", "ls", "why", "outdated", "audit", "rebuild", "store", "cache", "config", "help", "--help", "-h", "--version", "-v"]);
/** `pnpm cache …`'s own subcommands; the harness's cache (prune, reap) is `pnpm run cache …`. */
const PNPM_CACHE = new Set(["list", "list-registries", "view", "delete"]);
const KNOWN_EXTENSIONS = ["ts", "mjs", "cjs", "js", "json", "md", "yml", "yaml", "sh"];
/** Bare file names the pages cite that are no file of this repository: what a run writes, and OpenClaw's own files. */
const NOT_REPO_FILES = new Set([
  "report.json",
  "proof.md",
  "proof-details.md",
  "ctrf.json",
  "matrix.json",
  "matrix.md",
  "bench.json",
  "soak.json",
  "compose.yaml",
  "docker-compose.yml",
  "exec-approvals.json",
  "openclaw.json",
  "openclaw.mjs",
  ".openclaw-smoke-owner.json",
]);
const TOP = new Set(readdirSync(ROOT));

let catalog: ScenarioDefinition[] = [];
let required: string[] = [];
beforeAll(async () => {
  catalog = await loadCatalog();
  required = requiredForProof(changes);
});

/** Every README.md (not in node_modules, .git or a run folder reports/<run-id>/), and the in-repo pages they link to. */
function documentationPages(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === "node_modules" || e.name === ".git" || relative(ROOT, dir) === "reports") continue;
        walk(p);
      } else if (e.name === "README.md") found.push(p);
    }
  };
  walk(ROOT);
  const pages = new Set(found);
  for (const page of found) {
    for (const l of extractPaths(readFileSync(page, "utf8"), KNOWN_EXTENSIONS)) {
      const target = resolve(dirname(page), l.path);
      if (l.kind === "link" && target.endsWith(".md") && target.startsWith(ROOT) && !target.includes("node_modules") && existsSync(target)) pages.add(target);
    }
  }
  return [...pages].sort();
}

/** The scenario ids given with --scenario that are not placeholders. */
function realScenarioIds(words: readonly string[]): string[] {
  const ids: string[] = [];
  words.forEach((w, i) => {
    const v = w === "--scenario" ? words[i + 1] : w.startsWith("--scenario=") ? w.slice(11) : undefined;
    if (v !== undefined && !isPlaceholder(v)) ids.push(v);
  });
  return ids;
}

/** A harness command: parseCli, then its --scenario ids as the run would check them (planRun, selectScenarios). */
function checkHarness(words: readonly string[]): string | null {
  const { argv, placeholderScenarios } = substitute(words);
  try {
    const opts = parseCli(argv);
    const ids = realScenarioIds(words);
    if (!ids.length) return null;
    if (opts.command === "smoke" || opts.command === "proof") {
      planRun(catalog, {
        mode: opts.command,
        scenarioIds: ids,
        openclaw: opts.openclaw,
        base: opts.base,
        head: opts.head,
        keep: opts.keep,
        concurrency: 1,
        // A selection with a placeholder id is the reader's: whether it covers the proof's scenarios is theirs too.
        requiredForProof: placeholderScenarios ? [] : required,
      });
    } else selectScenarios(catalog, ids, "smoke");
    return null;
  } catch (err) {
    if (err instanceof UsageError) return `exits 2: ${err.message}`;
    throw err;
  }
}

/** Arguments of a bin (vitest, tsc) that look like repository files must exist. */
function checkFiles(args: readonly string[]): string | null {
  for (const a of args) {
    if (a.startsWith("-") || isPlaceholder(a) || /[*?[\]{}]/.test(a)) continue;
    if ((a.includes("/") || KNOWN_EXTENSIONS.some((e) => a.endsWith(`.${e}`))) && !existsSync(join(ROOT, a))) return `${a} does not exist`;
  }
  return null;
}

/** What is wrong with `corepack pnpm <words>`, or null. A mention (see DocCommand) needs only its command to exist. */
function checkCommand(words: readonly string[], mention = false): string | null {
  const [sub = "", ...rest] = words;
  if (mention && (HARNESS_BINS.has(sub) || (sub === "run" && (rest[0] === "cache" || SCRIPTS.has(rest[0] ?? ""))))) return null;
  if (sub === "run" || sub === "run-script") {
    const [script = "", ...args] = rest;
    if (script === "cache") return checkHarness(["cache", ...args]);
    return SCRIPTS.has(script) ? null : `'${script}' is not a script in package.json (${[...SCRIPTS].join(", ")})`;
  }
  if (HARNESS_BINS.has(sub)) return checkHarness(words);
  if (sub === "cache") return rest[0] && PNPM_CACHE.has(rest[0]) ? null : "`pnpm cache` is pnpm's own command: the harness's is `corepack pnpm run cache prune --keep N` / `run cache reap`";
  if (SCRIPTS.has(sub)) return null;
  if (sub === "exec") return BINS.has(rest[0] ?? "") ? checkFiles(rest.slice(1)) : `'${rest[0] ?? ""}' is not an installed bin (node_modules/.bin)`;
  if (BINS.has(sub)) return checkFiles(rest);
  if (PNPM_BUILTINS.has(sub)) return null;
  return `'${sub}' is not a harness command (${[...HARNESS_BINS].join(", ")}), a package.json script, an installed bin or a pnpm command`;
}

/** What is wrong with a cited path, or null. `page` is absolute. */
function checkPath(page: string, path: string, kind: "code" | "link"): string | null {
  const here = dirname(page);
  const clean = path.replace(/\/$/, "").replace(/^(\.\/)+/, "");
  const from = relative(ROOT, here) || ".";
  if (kind === "link") return existsSync(resolve(here, clean)) ? null : `link ${path} does not exist (from ${from}/)`;
  const first = clean.split("/")[0] ?? "";
  if (first === "reports" && clean !== "reports" && clean !== "reports/README.md") return null;
  if (clean.includes("/") || path.endsWith("/")) {
    const atRoot = TOP.has(first);
    const inFolder = existsSync(join(here, first));
    if (!atRoot && !inFolder) return null;
    if ((atRoot && existsSync(join(ROOT, clean))) || (inFolder && existsSync(join(here, clean)))) return null;
    return `${path} does not exist (from the root${from === "." ? "" : ` or ${from}/`})`;
  }
  if (NOT_REPO_FILES.has(clean) || existsSync(join(here, clean)) || existsSync(join(ROOT, clean))) return null;
  return `${path} is neither in ${from}/ nor at the root: name it by its path (or, if it is no file of this repository, add it to NOT_REPO_FILES)`;
}

/** Every problem of one page, each naming the page, the line and the command or path. */
function problemsOf(page: string, md: string): string[] {
  const name = relative(ROOT, page);
  const out: string[] = [];
  for (const c of extractCommands(md)) {
    const p = checkCommand(c.words, c.mention);
    if (p) out.push(`${name}:${c.line}: \`corepack pnpm ${c.words.join(" ")}\` (from \`${c.text}\`): ${p}`);
  }
  for (const l of extractPaths(md, KNOWN_EXTENSIONS)) {
    const p = checkPath(page, l.path, l.kind);
    if (p) out.push(`${name}:${l.line}: ${p}`);
  }
  return out;
}

describe("the documentation", () => {
  const pages = documentationPages();

  it("finds the READMEs, reports/README.md among them, and no run folder", () => {
    const names = pages.map((p) => relative(ROOT, p));
    expect(names).toContain("README.md");
    expect(names).toContain("reports/README.md");
    expect(names.filter((n) => /^reports\/[^/]+\//.test(n))).toEqual([]);
  });

  it("the top-level README has at most 1,200 words (wc -w)", () => {
    expect(wordCount(readFileSync(join(ROOT, "README.md"), "utf8"))).toBeLessThanOrEqual(TOP_README_MAX_WORDS);
  });

  it("every corepack pnpm command parses for its command, and every cited repository path exists", () => {
    const problems = pages.flatMap((p) => problemsOf(p, readFileSync(p, "utf8")));
    expect(problems).toEqual([]);
  });

  it("the default scenario counts the pages name are the code's (selectScenarios, defaultMatrixScenarios)", () => {
    const counted: Record<string, number> = {
      smoke: selectScenarios(catalog, [], "smoke").length,
      proof: selectScenarios(catalog, [], "proof").length,
      matrix: defaultMatrixScenarios(catalog, changes).length,
    };
    const named: string[] = [];
    for (const page of pages) {
      readFileSync(page, "utf8").split("\n").forEach((l, i) => {
        const where = `${relative(ROOT, page)}:${i + 1}`;
        // "| `corepack pnpm proof` | core, claim, … (20), on base and head |" in scenarios/README.md
        const row = /^\| `corepack pnpm (smoke|proof|matrix)` \|[^|]*\((\d+)\b/.exec(l);
        if (row) named.push(`${where}: ${row[1]} ${row[2]} (code: ${counted[row[1] as string]})`);
        // "By default 15 (`defaultMatrixScenarios` …"
        for (const m of l.matchAll(/(\d+),? \(?`defaultMatrixScenarios`/g)) named.push(`${where}: matrix ${m[1]} (code: ${counted.matrix})`);
      });
    }
    expect(named.length).toBeGreaterThanOrEqual(3);
    expect(named.filter((n) => !/ (\d+) \(code: \1\)$/.test(n))).toEqual([]);
  });

  it("the top-level README shows install, the main job, the tests and a proof of a PR head", () => {
    const commands = extractCommands(readFileSync(join(ROOT, "README.md"), "utf8")).map((c) => c.words.join(" "));
    for (const c of ["install", "smoke", "test", "proof --head ../openclaw --markdown proof.md"]) expect(commands).toContain(c);
  });
});

describe("the documentation checker", () => {
  const page = join(ROOT, "harness", "cli", "README.md");

  it("reads continuations, comments, pipes, &&, redirections and placeholders", () => {
    const md = [
      "```sh",
      "corepack pnpm smoke --scenario fallback-local \\",
      "  --keep --verbose        # a comment --not-an-option",
      "corepack pnpm smoke --json 2>/dev/null | head -1 && corepack pnpm run cache prune --keep N > out.txt",
      "FOO=1 pnpm proof --head <checkout> --markdown proof.md; echo done",
      "```",
      "Then `corepack pnpm soak --runs N` and `rerun: corepack pnpm smoke --scenario ID`; `pnpm bisect` finds the release.",
    ].join("\n");
    expect(extractCommands(md).map((c) => [c.line, c.words.join(" ")])).toEqual([
      [2, "smoke --scenario fallback-local --keep --verbose"],
      [4, "smoke --json"],
      [4, "run cache prune --keep N"],
      [5, "proof --head <checkout> --markdown proof.md"],
      [7, "soak --runs N"],
      [7, "smoke --scenario ID"],
      [7, "bisect"],
    ]);
    expect(extractCommands(md).at(-1)?.mention).toBe(true);
    expect(simpleCommands("a 2>&1 | b > f && c")).toEqual([["a"], ["b"], ["c"]]);
    expect(pnpmWords(["timeout", "60", "corepack", "pnpm", "smoke"])).toEqual(["smoke"]);
    expect(substitute(["soak", "--runs", "N", "--openclaw", "SPEC", "--scenario", "<id>"])).toEqual({ argv: ["soak", "--runs", "1", "--openclaw", "placeholder", "--scenario", "local-token-handoff"], placeholderScenarios: 1 });
    expect(problemsOf(page, md)).toEqual([]);
  });

  it("names the page, the line and the command of a bad option, an unknown scenario, a proof without its scenarios and a missing script", () => {
    const md = ["```sh", "corepack pnpm smoke --no-such-flag", "corepack pnpm smoke --scenario no-such-scenario", "corepack pnpm proof --scenario env-url-omission", "corepack pnpm lint", "corepack pnpm cache prune --keep 3", "```"].join("\n");
    const problems = problemsOf(page, md);
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^harness\/cli\/README\.md:2: `corepack pnpm smoke --no-such-flag` .*exits 2: .*no-such-flag/);
    expect(problems[1]).toMatch(/:3: .*unknown scenario 'no-such-scenario'/);
    expect(problems[2]).toMatch(/:4: .*leaves out .*local-token-handoff/);
    expect(problems[3]).toMatch(/:5: .*'lint' is not a harness command/);
    expect(problems[4]).toMatch(/:6: .*pnpm's own command/);
  });

  it("names a path that does not exist, and leaves other projects' paths, run outputs, URLs and placeholders alone", () => {
    const md = [
      "See `args.ts`, `commands/run.sh`, `harness/cli/args.ts`, [the reports](../../reports/README.md) and `.ci/run`.",
      "Not ours: `src/gateway/call.ts`, `dist/`, `report.json`, `reports/<run-id>/proof.md`, `reports/x/matrix.json`, [PR](https://github.com/openclaw/openclaw/pull/87105), `reports/*/report.json`.",
      "Stale: `harness/cli/gone.ts`, `commands/gone.sh`, [gone](gone.md), `gone.ts`.",
    ].join("\n");
    expect(problemsOf(page, md)).toEqual([
      "harness/cli/README.md:3: harness/cli/gone.ts does not exist (from the root or harness/cli/)",
      "harness/cli/README.md:3: commands/gone.sh does not exist (from the root or harness/cli/)",
      "harness/cli/README.md:3: gone.ts is neither in harness/cli/ nor at the root: name it by its path (or, if it is no file of this repository, add it to NOT_REPO_FILES)",
      "harness/cli/README.md:3: link gone.md does not exist (from harness/cli/)",
    ]);
  });

  it("counts words as wc -w does", () => {
    expect(wordCount("  one two\n\tthree  `four` | --five\n")).toBe(6);
  });
});
