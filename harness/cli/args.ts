import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { UsageError } from "../errors.ts";
import type { Faults } from "../run/context.ts";
import { cacheArgv, matrixOptions, MATRIX_HELP, MATRIX_PARSE_OPTIONS, type MatrixCliOptions } from "./matrix-args.ts";

export type Command = "smoke" | "proof" | "soak" | "bench" | "matrix" | "bisect" | "cache";

export interface CliOptions {
  command: Command;
  scenarios: string[];
  openclaw: string | null;
  base: string | null;
  head: string | null;
  keep: boolean;
  reportDir: string;
  json: boolean;
  verbose: boolean;
  help: boolean;
  markdown: string | null;
  ctrf: string | null;
  runs: number;
  concurrency: number;
  readyTimeoutMs: number | null;
  runtimeTimeoutMs: number | null;
  faults: Faults;
  /** bench: also profile one smoke and one proof phase by phase. */
  profile: boolean;
  /** smoke/proof: write this run's phase spans (JSON) to this file; what `bench --profile` reads. */
  profileOut: string | null;
  /** matrix, bisect and cache: their own options (harness/cli/matrix-args.ts). */
  matrix: MatrixCliOptions;
  /** smoke/proof --strength: also run the mutant catalog (scenarios/mutants/) against the tested build. */
  strength: boolean;
  /** --strength-break N: fail below N % (implies --strength). */
  strengthBreak: number | null;
}

export const HELP = `Usage: pnpm <smoke|proof|soak|bench|matrix|bisect|cache> [options]

Proves, with a real OpenClaw gateway and a separate approval-runtime process, how the gateway
authenticates that process (openclaw/openclaw#87105). Writes reports/<run-id>/report.json.

Commands
  smoke               run the scenarios on one OpenClaw build (default: the pinned dependency)
  proof               base against head, scenario by scenario (default: base 2026.6.5, head pinned)
  soak                run the full smoke --runs N times in a row and report flakes
  bench               measure the floor and the harness overhead
${MATRIX_HELP}

Options
  --scenario ID       run only this scenario (repeatable)
  --openclaw SPEC     target: npm version or dist-tag, built source checkout, installed package dir, or .tgz
  --base SPEC         proof: the build before the change (default 2026.6.5)
  --head SPEC         proof: the build with the change (default: the pinned openclaw)
  --keep              keep the sandbox (OPENCLAW_HOME) after the run
  --report-dir DIR    where run folders go (default: reports)
  --json              print the report JSON on stdout instead of the summary
  --markdown FILE     also write the PR proof block (Markdown) to FILE
  --ctrf FILE         also write a CTRF JSON export to FILE
  --runs N            soak/bench: how many runs (default 20 for soak, 3 for bench)
  --concurrency N     scenarios run at once against one gateway (default: 2 on 2 cores, else cores-1, at most 4)
  --ready-timeout S   seconds to wait for the gateway's hello-ok (default 90)
  --runtime-timeout S seconds before an approval-runtime process is killed (default 60)
  --fault F           test the harness itself: kill-gateway-during:ID or freeze-tap:ID
  --profile           bench: also break one smoke and one proof down by phase (sandbox, gateway ready, scenarios, ...)
  --profile-out FILE  smoke/proof: write this run's phase timings (JSON) to FILE
  --strength          smoke/proof: also apply each broken variant of the fix (scenarios/mutants/) to the tested
                      build (the head) and count how many this run's scenarios catch
  --strength-break N  with --strength: exit 1 when fewer than N % of the applicable variants are caught
  --verbose           print gateway log lines as they come
  -h, --help          show this help

Exit codes: 0 every expectation holds, 1 an expectation failed (evidence saved), 2 usage or set-up error,
129/130/143 hung up (or the parent went away), interrupted, terminated (partial report saved), 141 the reader of the
output went away (\`| head\`).`;

const COMMANDS: readonly Command[] = ["smoke", "proof", "soak", "bench", "matrix", "bisect", "cache"];

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer, got '${raw}'`, `Pass e.g. ${name} 3`);
  return n;
}

/** argv (after the node and script) → options. Pure; throws UsageError with a one-line fix. */
export function parseCli(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: cacheArgv(argv),
      allowPositionals: true,
      strict: true,
      options: {
        scenario: { type: "string", multiple: true },
        openclaw: { type: "string" },
        base: { type: "string" },
        head: { type: "string" },
        keep: { type: "boolean" },
        "report-dir": { type: "string" },
        json: { type: "boolean" },
        verbose: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        markdown: { type: "string" },
        ctrf: { type: "string" },
        runs: { type: "string" },
        concurrency: { type: "string" },
        "ready-timeout": { type: "string" },
        "runtime-timeout": { type: "string" },
        fault: { type: "string", multiple: true },
        profile: { type: "boolean" },
        "profile-out": { type: "string" },
        strength: { type: "boolean" },
        "strength-break": { type: "string" },
        ...MATRIX_PARSE_OPTIONS,
      },
    });
  } catch (err) {
    const msg = err instanceof Error ? (err.message.split("\n")[0] ?? "") : String(err);
    // "--ready-timeout -5": parseArgs reads -5 as an option and calls the value ambiguous.
    const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(msg);
    if (ambiguous) throw new UsageError(`${ambiguous[1]} needs a value, and a value that starts with '-' is not one`, `Pass e.g. ${ambiguous[1]} 3 (a positive integer)`);
    throw new UsageError(msg.replace(/\.+$/, "") || "bad arguments", "Run with --help for the options");
  }
  const { values, positionals } = parsed;
  const [cmd, ...rest] = positionals;
  if (values.help) return { ...parseCli(["smoke"]), help: true };
  if (!cmd || !COMMANDS.includes(cmd as Command)) {
    throw new UsageError(`unknown command '${cmd ?? ""}'`, `Use one of: ${COMMANDS.join(", ")}`);
  }
  const command = cmd as Command;
  const matrix = matrixOptions(command, rest, values);
  if (rest.length && command !== "matrix" && command !== "cache") throw new UsageError(`unexpected argument '${rest[0]}'`, "Options start with --; run with --help");
  if (values.runs !== undefined && command !== "soak" && command !== "bench") {
    throw new UsageError(`--runs belongs to soak and bench, not ${command}`, `Use \`pnpm soak --runs ${values.runs}\`, or drop --runs`);
  }
  if (values.profile && command !== "bench") throw new UsageError(`--profile belongs to bench, not ${command}`, "Use `pnpm bench --profile`, or --profile-out FILE for this run's phase timings");
  if (values["profile-out"] !== undefined && command !== "smoke" && command !== "proof") throw new UsageError(`--profile-out belongs to smoke and proof, not ${command}`, "Use `pnpm bench --profile` for a breakdown");
  const strengthBreak = values["strength-break"] === undefined ? null : percent("--strength-break", values["strength-break"]);
  if ((values.strength || strengthBreak !== null) && command !== "smoke" && command !== "proof") {
    throw new UsageError(`--strength belongs to smoke and proof, not ${command}`, "Use `corepack pnpm proof --strength`");
  }
  if (command === "smoke" && (values.base || values.head)) {
    throw new UsageError("--base/--head belong to a differential run", "Use `pnpm proof --base SPEC --head SPEC`, or --openclaw SPEC for one target");
  }
  return {
    command,
    scenarios: values.scenario ?? [],
    openclaw: values.openclaw ?? null,
    base: values.base ?? null,
    head: values.head ?? null,
    keep: values.keep ?? false,
    reportDir: values["report-dir"] ?? "reports",
    json: values.json ?? false,
    verbose: values.verbose ?? false,
    help: values.help ?? false,
    markdown: values.markdown ?? null,
    ctrf: values.ctrf ?? null,
    runs: positiveInt("--runs", values.runs, command === "soak" ? 20 : 3),
    concurrency: positiveInt("--concurrency", values.concurrency, defaultConcurrency(availableParallelism())),
    readyTimeoutMs: values["ready-timeout"] === undefined ? null : positiveInt("--ready-timeout", values["ready-timeout"], 90) * 1000,
    runtimeTimeoutMs: values["runtime-timeout"] === undefined ? null : positiveInt("--runtime-timeout", values["runtime-timeout"], 60) * 1000,
    faults: parseFaults(values.fault ?? []),
    profile: values.profile ?? false,
    profileOut: values["profile-out"] ?? null,
    matrix,
    strength: (values.strength ?? false) || strengthBreak !== null,
    strengthBreak,
  };
}

function percent(name: string, raw: string): number {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`${name} must be a per cent from 0 to 100, got '${raw}'`, `Pass e.g. ${name} 100`);
  return n;
}

function parseFaults(list: readonly string[]): Faults {
  const faults: Faults = { killGatewayDuring: null, freezeTap: null };
  for (const f of list) {
    const m = /^(kill-gateway-during|freeze-tap):([\w-]+)$/.exec(f);
    if (!m) throw new UsageError(`unknown fault '${f}'`, "Use kill-gateway-during:SCENARIO or freeze-tap:SCENARIO");
    if (m[1] === "kill-gateway-during") faults.killGatewayDuring = m[2] ?? null;
    else faults.freezeTap = m[2] ?? null;
  }
  return faults;
}

/**
 * Scenarios at once against one gateway. On 2 cores two at a time is fastest (measured, 3 smokes each: the
 * scenario phase takes 2.35-2.64 s at 1, 2.07-2.2 s at 2, 1.95-2.1 s at 4, but four runtime processes at once
 * also slow the gateway's start). The gateway keeps one core busy for ~2.5 s after hello-ok.
 */
export function defaultConcurrency(cores: number): number {
  return cores <= 1 ? 1 : Math.min(4, Math.max(2, cores - 1));
}
