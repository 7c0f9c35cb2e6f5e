import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { validateAction, validateWorkflow } from "@action-validator/core";
import { lintWorkflow } from "./action/lint.ts";
import { describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("..", import.meta.url));

/**
 * A real workflow linter from npm, pinned in devDependencies: action-validator (its wasm core in this process for every
 * file, and its CLI once, so the command a developer runs by hand is the one tested).
 */
const VALIDATOR = join(REPO, "node_modules", "@action-validator", "cli", "cli.mjs");
const WORKFLOWS = join(REPO, ".github", "workflows");
const EXAMPLES = join(REPO, ".github", "examples");
const ACTION = join(REPO, "action.yml");

function problems(file: string, validate = validateWorkflow): string[] {
  return validate(readFileSync(file, "utf8")).errors.map((e) => `${"path" in e ? e.path : ""} ${e.title}: ${e.detail ?? ""}`);
}

const yamlIn = (d: string): string[] => (existsSync(d) ? readdirSync(d) : []).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(d, f));

describe("GitHub workflows", () => {
  const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
  const every = [...yamlIn(WORKFLOWS), ...yamlIn(EXAMPLES)];

  it.each(files)("%s passes action-validator", (f) => {
    expect(problems(join(WORKFLOWS, f))).toEqual([]);
  });

  it("action.yml passes action-validator as an action, and the OpenClaw example as a workflow", () => {
    expect(problems(ACTION, validateAction)).toEqual([]);
    expect(yamlIn(EXAMPLES).length).toBeGreaterThan(0);
    for (const f of yamlIn(EXAMPLES)) expect(problems(f), f).toEqual([]);
  });

  it.each([ACTION, ...every].map((f) => [f.slice(REPO.length)]))("%s: no expression inside run, every uses pinned to a commit (zizmor's two rules)", (f) => {
    expect(lintWorkflow(readFileSync(join(REPO, f), "utf8"))).toEqual([]);
  });

  it("the linter's CLI fails a broken workflow (so a pass above means something)", { timeout: 60_000 }, async () => {
    const tmp = await dir({ unsafeCleanup: true });
    try {
      const broken = join(tmp.path, "broken.yml");
      writeFileSync(broken, readFileSync(join(WORKFLOWS, "matrix.yml"), "utf8").replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest"));
      expect(problems(broken).length).toBeGreaterThan(0);
      const r = await execa(process.execPath, [VALIDATOR, broken], { reject: false, timeout: 50_000, env: { NO_COLOR: "1" }, all: true });
      expect(r.exitCode).toBe(1);
      expect(String(r.all)).toContain("runs_on");
    } finally {
      await tmp.cleanup();
    }
  });

  it("the OpenClaw example checks out the PR's exact head, builds it, runs the action on it and keeps one comment under a stable marker", () => {
    const y = readFileSync(join(EXAMPLES, "openclaw-pr-proof.yml"), "utf8");
    expect(y).toContain("ref: ${{ github.event.pull_request.head.sha }}");
    // No release tag exists: the pin is a commit, and its `# vX.Y.Z` comment is the harness version in package.json.
    const version = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }).version;
    expect(y).toMatch(new RegExp(`uses: [\\w-]+/openclaw-approval-runtime-smoke@[0-9a-f]{40} # v${version.replace(/\./g, "\\.")}$`, "m"));
    // The comment's length is checked before the API call, against GitHub's limit.
    expect(y).toMatch(/const LIMIT = 65536;[\s\S]*if \(body\.length > LIMIT\)[\s\S]*github\.rest\.issues\.createComment/);
    expect(y).toContain("head: openclaw");
    expect(y).toContain('const marker = "<!-- openclaw-approval-runtime-proof -->";');
    expect(y).toContain("github.rest.issues.updateComment");
  });

  it("matrix.yml lists, fans out one runner per release without fail-fast, and merges into the job summary", () => {
    const y = readFileSync(join(WORKFLOWS, "matrix.yml"), "utf8");
    expect(y).toMatch(/^ {2}workflow_dispatch:/m);
    expect(y).toMatch(/^ {2}schedule:\n {4}(#.*\n {4})?- cron: /m);
    expect(y).toContain("corepack pnpm matrix --list --json");
    expect(y).toContain("fail-fast: false");
    expect(y).toContain("version: ${{ fromJSON(needs.list.outputs.versions) }}");
    expect(y).toMatch(/corepack pnpm smoke --openclaw "\$VERSION" .*--json/);
    expect(y).toMatch(/uses: actions\/upload-artifact@[0-9a-f]{40} # v4/);
    expect(y).toContain("corepack pnpm matrix merge");
  });
});
