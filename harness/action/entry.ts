/**
 * The action's entry (action.yml runs it with the harness's Node 24): the inputs become `proof` arguments, the proof
 * bin runs as a person would run it (its terminal output in the job log, its Markdown appended to the job summary by
 * the CLI itself), and the report it wrote becomes the outputs. Exits with the proof's exit code.
 */
import { existsSync } from "node:fs";
import { appendFile, mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import type { Report } from "../evidence/types.ts";
import { outputLines, outputPaths, proofArgs, readInputs, verdictOf } from "./inputs.ts";

const PROOF_BIN = fileURLToPath(new URL("../cli/commands/proof.sh", import.meta.url));
/** The proof's own timeouts bound it; this only stops a hung bin from holding the job until GitHub's 6 h limit. */
const PROOF_TIMEOUT_MS = 90 * 60_000;

async function main(env: NodeJS.ProcessEnv): Promise<number> {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const outDir = join(env.RUNNER_TEMP || workspace, "openclaw-approval-proof");
  const out = outputPaths(outDir);
  const inputs = readInputs(env);
  await mkdir(out.reports, { recursive: true });
  const before = new Set(await readdir(out.reports));
  const r = await execa(PROOF_BIN, proofArgs(inputs, workspace, outDir, existsSync), { cwd: workspace, stdio: "inherit", reject: false, timeout: PROOF_TIMEOUT_MS, forceKillAfterDelay: 15_000 });
  const folder = (await readdir(out.reports)).filter((f) => !before.has(f) && existsSync(join(out.reports, f, "report.json"))).sort().at(-1);
  const reportPath = folder ? join(out.reports, folder, "report.json") : "";
  const report = reportPath ? (JSON.parse(await readFile(reportPath, "utf8")) as Report) : null;
  const outputs = {
    verdict: verdictOf(report),
    report: reportPath,
    markdown: existsSync(out.markdown) ? out.markdown : "",
    details: existsSync(out.details) ? out.details : "",
    ctrf: existsSync(out.ctrf) ? out.ctrf : "",
  };
  if (env.GITHUB_OUTPUT) await appendFile(env.GITHUB_OUTPUT, outputLines(outputs));
  process.stdout.write(`verdict: ${outputs.verdict}${reportPath ? ` (${reportPath})` : ", no report written"}\n`);
  return r.exitCode ?? 1;
}

main(process.env).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
