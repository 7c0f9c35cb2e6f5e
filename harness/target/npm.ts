/**
 * Runs npm for target provisioning: under the harness's own Node (24) when npm's CLI script can be
 * found, so that npm checks `engines` against Node 24 and does not drop openclaw's native optional
 * packages (npm always skips an optional package whose engines reject the Node npm runs on, whatever
 * --force or --engine-strict say). HOME, npm's cache and TMPDIR always point into a throw-away folder.
 */
import { existsSync, mkdirSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { basename, delimiter, dirname, join } from "node:path";
import { execa } from "execa";
import semver from "semver";
import { StepError, UsageError } from "../errors.ts";

export interface NpmResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  command: string;
}

/** Where npm's JS entry point lives, found through PATH; null when only an opaque `npm` binary exists. */
export function findNpmCli(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromExecpath = env.npm_execpath;
  if (fromExecpath && basename(fromExecpath) === "npm-cli.js" && existsSync(fromExecpath)) return fromExecpath;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, "npm");
    if (!existsSync(candidate)) continue;
    let real: string;
    try {
      real = realpathSync(candidate);
    } catch {
      continue;
    }
    if (basename(real) === "npm-cli.js") return real;
    for (const guess of [join(dirname(real), "npm-cli.js"), join(dirname(real), "..", "lib", "node_modules", "npm", "bin", "npm-cli.js")]) {
      if (existsSync(guess)) return guess;
    }
  }
  return null;
}

const DROPPED_ENV = /^(npm_|pnpm_|VITEST|__VITEST|TEST$|NODE_ENV$|NODE_PATH$|NODE_OPTIONS$|INIT_CWD$|PNPM_)/i;

/**
 * The environment npm runs in. Without an explicit base, the harness's env minus pnpm's and vitest's
 * variables. The user's own ~/.npmrc stays in force (registry, proxy, auth) through npm_config_userconfig.
 */
export function npmChildEnv(sandboxHome: string, base?: NodeJS.ProcessEnv, npmCache?: string): NodeJS.ProcessEnv {
  const source = base ?? process.env;
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(source)) {
    if (v === undefined) continue;
    if (base === undefined && DROPPED_ENV.test(k)) continue;
    env[k] = v;
  }
  const userNpmrc = join(source.HOME ?? homedir(), ".npmrc");
  if (!env.npm_config_userconfig && existsSync(userNpmrc)) env.npm_config_userconfig = userNpmrc;
  env.HOME = sandboxHome;
  env.XDG_CACHE_HOME = join(sandboxHome, ".cache");
  env.XDG_CONFIG_HOME = join(sandboxHome, ".config");
  env.TMPDIR = join(sandboxHome, "tmp");
  // A shared content cache (the harness's own, beside the targets) saves downloading the same dependency tarballs
  // for every version; npm's debug logs stay in the temporary home either way.
  env.npm_config_cache = npmCache ?? join(sandboxHome, ".npm");
  env.npm_config_logs_dir = join(sandboxHome, ".npm-logs");
  env.npm_config_update_notifier = "false";
  env.npm_config_fund = "false";
  env.npm_config_audit = "false";
  return env;
}

/** npm never hangs a run: a view gives up after 2 minutes, an install after 10 (a slow registry, a stuck proxy). */
export const NPM_TIMEOUT_MS = { view: 120_000, install: 600_000 } as const;

export async function runNpm(args: string[], opts: { sandboxHome: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; npmCache?: string }): Promise<NpmResult> {
  mkdirSync(join(opts.sandboxHome, "tmp"), { recursive: true });
  const env = npmChildEnv(opts.sandboxHome, opts.env, opts.npmCache);
  const cli = findNpmCli(opts.env ?? process.env);
  const file = cli ? process.execPath : "npm";
  const argv = cli ? [cli, ...args] : args;
  const timeout = opts.timeoutMs ?? (args[0] === "install" ? NPM_TIMEOUT_MS.install : NPM_TIMEOUT_MS.view);
  const r = await execa(file, argv, { env, extendEnv: false, reject: false, cwd: opts.cwd ?? opts.sandboxHome, stdin: "ignore", stripFinalNewline: true, timeout, forceKillAfterDelay: 5000 });
  return {
    exitCode: r.exitCode ?? -1,
    stdout: String(r.stdout ?? ""),
    stderr: `${String(r.stderr ?? "")}${r.timedOut ? `\nnpm ${args[0] ?? ""} timed out after ${timeout / 1000} s and was killed` : ""}`,
    command: ["npm", ...args].join(" "),
  };
}

/** The last lines of npm's stderr that say something (no EBADENGINE noise, no notices). */
export function stderrTail(stderr: string, lines = 15): string {
  return stderr
    .split("\n")
    // npm's pointer to its debug log names a file in the temporary home this install ran in, removed with it.
    .filter((l) => l.trim() && !/npm (warn|notice)/.test(l) && !/A complete log of this run can be found in/.test(l))
    .slice(-lines)
    .join("\n");
}

function notOnRegistry(version: string): UsageError {
  return new UsageError(`openclaw@${version} is not on the registry`, "Pick a published version (npm view openclaw versions) or a local build");
}

/** Resolves a version or dist-tag to one exact version and its integrity. */
export async function npmView(spec: string, opts: { sandboxHome: string; env?: NodeJS.ProcessEnv }): Promise<{ version: string; integrity: string }> {
  const r = await runNpm(["view", `openclaw@${spec}`, "version", "dist.integrity", "--json"], opts);
  if (r.exitCode !== 0) {
    if (/E404|No match found/.test(r.stdout + r.stderr)) throw notOnRegistry(spec);
    throw new StepError("resolve target", `npm view openclaw@${spec} failed`, { process: "npm", command: r.command, exitCode: r.exitCode, logTail: stderrTail(r.stderr), next: "Check the network and npm's registry settings, or pass a local build" });
  }
  let parsed: unknown;
  try {
    parsed = r.stdout.trim() === "" ? [] : JSON.parse(r.stdout);
  } catch {
    throw new StepError("resolve target", `npm view openclaw@${spec} printed no JSON`, { process: "npm", command: r.command, logTail: r.stdout.slice(-2000) });
  }
  const rows = (Array.isArray(parsed) ? parsed : [parsed]).flatMap((row: unknown) => {
    if (typeof row !== "object" || row === null) return [];
    const rec = row as Record<string, unknown>;
    const version = rec.version;
    const integrity = rec["dist.integrity"];
    return typeof version === "string" && typeof integrity === "string" ? [{ version, integrity }] : [];
  });
  // A partial version such as 2026.6 matches several releases: take the highest.
  rows.sort((a, b) => semver.compare(a.version, b.version));
  const best = rows.at(-1);
  if (!best) throw notOnRegistry(spec);
  return best;
}

/** Every version of openclaw the registry lists, as its JSON text (`npm view openclaw versions --json`). */
export async function npmViewVersions(opts: { sandboxHome: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  const r = await runNpm(["view", "openclaw", "versions", "--json"], opts);
  if (r.exitCode !== 0) {
    throw new StepError("list versions", "npm view openclaw versions failed", { process: "npm", command: r.command, exitCode: r.exitCode, logTail: stderrTail(r.stderr), next: "Check the network and npm's registry settings" });
  }
  return r.stdout;
}

/** Installs `installSpec` (openclaw@X or an absolute .tgz path) with --prefix `prefix`. Throws StepError on failure. */
export async function npmInstall(installSpec: string, prefix: string, opts: { sandboxHome: string; env?: NodeJS.ProcessEnv; npmCache?: string }): Promise<NpmResult> {
  const args = ["install", "--prefix", prefix, "--no-save", "--ignore-scripts", "--no-audit", "--no-fund", "--omit=dev", "--engine-strict=false", installSpec];
  mkdirSync(prefix, { recursive: true });
  const r = await runNpm(args, { ...opts, cwd: prefix });
  if (r.exitCode !== 0) {
    if (/E404|No match found/.test(r.stderr) && installSpec.startsWith("openclaw@")) throw notOnRegistry(installSpec.slice("openclaw@".length));
    throw new StepError("provision target", `npm install ${installSpec} failed`, { process: "npm", command: r.command, exitCode: r.exitCode, logTail: stderrTail(r.stderr), next: "Check the network, disk space and npm's registry settings; the partial install was removed, and with it npm's debug log (its last lines are above)" });
  }
  return r;
}
