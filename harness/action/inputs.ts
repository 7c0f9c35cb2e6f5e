/**
 * The GitHub Action (action.yml) as data: its inputs mapped to the `proof` command's arguments, and the run's report
 * mapped to its outputs. The action adds nothing of its own: it runs the same bin a person types. Pure.
 */
import { isAbsolute, join, resolve } from "node:path";
import { UsageError } from "../errors.ts";
import type { Report } from "../evidence/types.ts";
import { looksLikePath } from "../target/spec.ts";

export interface ActionInputs {
  /** A built OpenClaw checkout, relative to the caller's workspace (or any spec --head takes, such as a version). */
  head: string;
  base: string;
  /** Scenario ids; empty: the proof set. */
  scenarios: string[];
  /** Seconds, as given; empty: the CLI's default. */
  readyTimeout: string;
  /** Per cent, as given: also measure the proof's strength and fail below it; empty: no strength run. */
  strengthBreak: string;
}

export type Verdict = "PASS" | "FAIL" | "INCOMPLETE";

/** The inputs as the action's step passes them (env: INPUT_HEAD, INPUT_BASE, INPUT_SCENARIOS, INPUT_READY_TIMEOUT, INPUT_STRENGTH_BREAK). */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const readyTimeout = (env.INPUT_READY_TIMEOUT ?? "").trim();
  if (readyTimeout && !/^\d+$/.test(readyTimeout)) throw new UsageError(`ready-timeout '${readyTimeout}' is not a number of seconds`, "Pass e.g. ready-timeout: 180");
  const strengthBreak = (env.INPUT_STRENGTH_BREAK ?? "").trim();
  if (strengthBreak && !(/^\d+(\.\d+)?$/.test(strengthBreak) && Number(strengthBreak) <= 100)) throw new UsageError(`strength-break '${strengthBreak}' is not a per cent from 0 to 100`, "Pass e.g. strength-break: 100, or leave it empty for no strength run");
  return {
    head: (env.INPUT_HEAD ?? "").trim() || ".",
    base: (env.INPUT_BASE ?? "").trim() || "2026.6.5",
    scenarios: (env.INPUT_SCENARIOS ?? "").split(/[\s,]+/).filter(Boolean),
    readyTimeout,
    strengthBreak,
  };
}

/** Where the run's outputs go: the report folder, and the Markdown (with its details beside it) and CTRF at fixed names. */
export function outputPaths(outDir: string): { reports: string; markdown: string; details: string; ctrf: string } {
  return { reports: join(outDir, "reports"), markdown: join(outDir, "proof.md"), details: join(outDir, "proof-details.md"), ctrf: join(outDir, "ctrf.json") };
}

/**
 * `proof` arguments for these inputs. The head is a folder of the caller's workspace when one by that name exists
 * there (or it looks like a path), else any spec --head takes, such as a version.
 */
export function proofArgs(inputs: ActionInputs, workspace: string, outDir: string, exists: (path: string) => boolean): string[] {
  const out = outputPaths(outDir);
  const inWorkspace = resolve(workspace, inputs.head);
  const head = isAbsolute(inputs.head) ? inputs.head : looksLikePath(inputs.head) || exists(inWorkspace) ? inWorkspace : inputs.head;
  return [
    "--base",
    inputs.base,
    "--head",
    head,
    ...inputs.scenarios.flatMap((id) => ["--scenario", id]),
    ...(inputs.readyTimeout ? ["--ready-timeout", inputs.readyTimeout] : []),
    ...(inputs.strengthBreak ? ["--strength-break", inputs.strengthBreak] : []),
    "--report-dir",
    out.reports,
    "--markdown",
    out.markdown,
    "--ctrf",
    out.ctrf,
  ];
}

/** PASS only for a proof that passed; an aborted run or one that wrote no report is INCOMPLETE. */
export function verdictOf(report: Pick<Report, "status"> | null): Verdict {
  if (!report) return "INCOMPLETE";
  return report.status === "passed" ? "PASS" : report.status === "failed" ? "FAIL" : "INCOMPLETE";
}

/** Lines for $GITHUB_OUTPUT (paths are never multi-line; a newline in one is refused). */
export function outputLines(outputs: Record<string, string>): string {
  return Object.entries(outputs)
    .map(([k, v]) => {
      if (/[\r\n]/.test(v)) throw new Error(`output ${k} holds a newline`);
      return `${k}=${v}\n`;
    })
    .join("");
}
