import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { validateWorkflow } from "@action-validator/core";
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

function problems(file: string): string[] {
  return validateWorkflow(readFileSync(file, "utf8")).errors.map((e) => `${"path" in e ? e.path : ""} ${e.title}: ${e.detail ?? ""}`);
}

describe("GitHub workflows", () => {
  const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

  it.each(files)("%s passes action-validator", (f) => {
    expect(problems(join(WORKFLOWS, f))).toEqual([]);
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

  it("matrix.yml lists, fans out one runner per release without fail-fast, and merges into the job summary", () => {
    const y = readFileSync(join(WORKFLOWS, "matrix.yml"), "utf8");
    expect(y).toMatch(/^ {2}workflow_dispatch:/m);
    expect(y).toMatch(/^ {2}schedule:\n {4}(#.*\n {4})?- cron: /m);
    expect(y).toContain("corepack pnpm matrix --list --json");
    expect(y).toContain("fail-fast: false");
    expect(y).toContain("version: ${{ fromJSON(needs.list.outputs.versions) }}");
    expect(y).toMatch(/corepack pnpm smoke --openclaw "\$VERSION" .*--json/);
    expect(y).toContain("uses: actions/upload-artifact@v4");
    expect(y).toContain("corepack pnpm matrix merge");
  });
});
