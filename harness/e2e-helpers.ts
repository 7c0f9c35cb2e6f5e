import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa, type Result } from "execa";
import type { Report } from "./evidence/types.ts";

export const REPO = fileURLToPath(new URL("..", import.meta.url));
const MAIN = join(REPO, "harness", "cli", "main.ts");

/** The parent env without what silences OpenClaw (vitest sets it), so the CLI runs as a user would run it. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(VITEST|TEST$|NODE_ENV$|NODE_OPTIONS$)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, CI: "true", ...extra };
}

/** Run the harness CLI as a separate process (Node 24, the same one running the tests). */
export function runCli(args: string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Result> {
  return execa(process.execPath, [MAIN, ...args], { cwd: REPO, env: cleanEnv(opts.env), extendEnv: false, reject: false, timeout: opts.timeoutMs ?? 240_000, all: true });
}

export function reportPathFrom(output: string): string | null {
  const m = /^report: (.+report\.json)$/m.exec(output);
  return m?.[1] ?? null;
}

export async function readReport(path: string): Promise<Report> {
  return JSON.parse(await readFile(path, "utf8")) as Report;
}
