import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, expect, TestRunner } from "vitest";
import { dir } from "tmp-promise";
import type { Report } from "./evidence/types.ts";
import { processesMentioning } from "./hygiene/probe.ts";

export const REPO = fileURLToPath(new URL("..", import.meta.url));
const MAIN = join(REPO, "harness", "cli", "main.ts");

/**
 * This test process's own temp root: every CLI it runs gets it as TMPDIR, so its sandboxes live there and the
 * leftover check looks at its own runs only, never at another run on the same machine. Removed after the file's tests
 * (the hook is registered on the test file that imports this module).
 */
const e2eTmp = await dir({ unsafeCleanup: true, prefix: "smoke-e2e-tmp-" });
export const E2E_TMP = e2eTmp.path;
afterAll(() => e2eTmp.cleanup());

/** The parent env without what silences OpenClaw (vitest sets it), so the CLI runs as a user would run it. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(VITEST|TEST$|NODE_ENV$|NODE_OPTIONS$)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, CI: "true", TMPDIR: E2E_TMP, ...extra };
}

/**
 * Default CLI timeout: 30 s below the e2e project's testTimeout (240_000 in vitest.config.ts), so execa kills
 * the CLI (the parent of its gateways) and the test sees why before vitest abandons the test.
 * A test that passes a longer timeoutMs must set its own vitest timeout above it.
 */
export const CLI_TIMEOUT_MS = 210_000;

declare module "vitest" {
  interface TaskMeta {
    /** How long the CLI runs of this test waited for gateways (spawn → hello-ok), read from their reports. */
    gatewayWaitMs?: number;
    gatewayStarts?: number;
  }
}

/** Adds the gateway waits of the report a finished CLI run names to the test that ran it (the plain summary sums them per file). */
function countGatewayWaits(test: ReturnType<typeof TestRunner.getCurrentTest>, output: string): void {
  const path = reportPathFrom(output);
  if (!test || !path) return;
  try {
    const report = JSON.parse(readFileSync(path, "utf8")) as Report;
    for (const g of report.targets.flatMap((t) => t.gateways)) {
      if (g.readyMs === null) continue; // never became ready: its wait is the run's ready timeout, not a start
      test.meta.gatewayWaitMs = (test.meta.gatewayWaitMs ?? 0) + (g.readyMs ?? 0);
      test.meta.gatewayStarts = (test.meta.gatewayStarts ?? 0) + 1;
    }
  } catch {
    // no readable report (bad input, killed run): nothing waited on a gateway that the report could tell
  }
}

/** Starts `file args` like execa, and counts the gateway waits of its report toward the current test once it ends. */
function runCounted(file: string, args: string[], opts: { env?: Record<string, string>; timeoutMs?: number }) {
  const test = TestRunner.getCurrentTest();
  const child = execa(file, args, { cwd: REPO, env: cleanEnv(opts.env), extendEnv: false, reject: false, timeout: opts.timeoutMs ?? CLI_TIMEOUT_MS, all: true });
  // Registered before the test awaits the run, so it has counted by the time the test goes on.
  void child.then((r) => countGatewayWaits(test, String(r.all ?? "")), () => undefined);
  return child;
}

/**
 * Run the harness CLI as a separate process (Node 24, the same one running the tests).
 * Returns execa's subprocess: await it for the result (`.all`, `.exitCode`), or use `.all` (the live
 * interleaved output stream) and `.kill()` while it runs.
 */
export function runCli(args: string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}) {
  return runCounted(process.execPath, [MAIN, ...args], opts);
}

/**
 * Run a command exactly as the README documents it, `corepack pnpm <command> …`, so what pnpm adds (or must not add)
 * to stdout and to the exit code is part of what is tested. stdout and stderr are kept apart.
 */
export function runDocumented(args: string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}) {
  return runCounted("corepack", ["pnpm", ...args], opts);
}

/** Asserts that no process mentions a sandbox under `root` (argv or environment); by default this test process's runs. */
export async function noSandboxLeft(root: string = E2E_TMP): Promise<void> {
  expect(await processesMentioning([root])).toEqual([]);
}

export function reportPathFrom(output: string): string | null {
  const m = /^report: (.+report\.json)$/m.exec(output);
  return m?.[1] ?? null;
}

export async function readReport(path: string): Promise<Report> {
  return JSON.parse(await readFile(path, "utf8")) as Report;
}
