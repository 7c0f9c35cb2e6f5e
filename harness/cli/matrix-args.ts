/** The options of matrix, bisect and cache (parsed with the rest in args.ts, checked here). Pure. */
import { UsageError } from "../errors.ts";

export interface MatrixCliOptions {
  from: string | null;
  to: string | null;
  versions: string[] | null;
  prereleases: boolean;
  list: boolean;
  prune: boolean;
  /** --concurrency as given (versions at once), or null for the default from cores and MemAvailable. */
  versionsAtOnce: number | null;
  /** `matrix merge <report.json…>`: the reports, or null for a local matrix. */
  merge: string[] | null;
  old: string | null;
  new: string | null;
  /** `cache prune --keep N`. */
  keepEntries: number | null;
  /** `cache prune` or `cache reap` (null for the other commands). */
  cacheCommand: "prune" | "reap" | null;
}

export const MATRIX_PARSE_OPTIONS = {
  from: { type: "string" },
  to: { type: "string" },
  versions: { type: "string" },
  prereleases: { type: "boolean" },
  list: { type: "boolean" },
  prune: { type: "boolean" },
  old: { type: "string" },
  new: { type: "string" },
  "keep-entries": { type: "string" },
} as const;

export const MATRIX_HELP = `  matrix              run the scenarios on every release from --from to --to and classify each one
  matrix merge R…     build the same matrix from report.json files made elsewhere (CI runners)
  bisect              find the first release after --old, up to --new, whose verdict differs from --old's
  cache prune         remove installed targets from the target cache, keeping the --keep N newest (reaps first)
  cache reap          remove what runs whose harness was killed left behind (sandboxes, locks, namespaces, Docker objects)

Matrix and bisect options (they take --scenario, --report-dir, --keep, --json, --verbose too)
  --from V / --to V   first and last release (default 2026.6.5 and the newest release)
  --versions a,b,c    exactly these versions (merge: the versions the run expected; one without a report is broken)
  --prereleases       include beta/alpha/rc builds (default: releases only)
  --concurrency N     matrix: versions at once (default from cores and MemAvailable)
  --list              matrix: print the chosen versions (and scenarios) and run nothing
  --prune             matrix: remove each target this run installed once its smoke is done
  --old V / --new V   bisect: the two ends`;

type Values = { [K in keyof typeof MATRIX_PARSE_OPTIONS]?: (typeof MATRIX_PARSE_OPTIONS)[K]["type"] extends "string" ? string : boolean } & { concurrency?: string };

const MATRIX_ONLY = ["from", "to", "versions", "prereleases", "list", "prune"] as const;

function count(flag: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a whole number, got '${raw}'`, `Pass e.g. ${flag} 3`);
  return n;
}

/** The matrix/bisect/cache part of the options; usage errors name the fix. */
export function matrixOptions(command: string, rest: readonly string[], v: Values): MatrixCliOptions {
  for (const k of MATRIX_ONLY) {
    if (v[k] !== undefined && command !== "matrix" && !(command === "bisect" && k === "prereleases")) throw new UsageError(`--${k} belongs to matrix, not ${command}`, "Run `corepack pnpm matrix --help`");
  }
  if ((v.old !== undefined || v.new !== undefined) && command !== "bisect") throw new UsageError(`--old/--new belong to bisect, not ${command}`, "Run `corepack pnpm bisect --old V --new V`");
  if (v["keep-entries"] !== undefined && command !== "cache") throw new UsageError("--keep N belongs to cache prune", "Run `corepack pnpm run cache prune --keep N`");
  let merge: string[] | null = null;
  if (command === "matrix" && rest.length) {
    if (rest[0] !== "merge") throw new UsageError(`unexpected argument '${rest[0]}'`, "Use `corepack pnpm matrix merge <report.json…>`, or options that start with --");
    merge = rest.slice(1);
    if (!merge.length) throw new UsageError("matrix merge needs report.json files", "Pass them: corepack pnpm matrix merge reports/*/report.json");
    if (v.from || v.to || v.list || v.prune) throw new UsageError("matrix merge takes the versions from the reports (and --versions: those that must have one)", "Drop --from/--to/--list/--prune");
  }
  if (command === "cache") {
    if ((rest[0] !== "prune" && rest[0] !== "reap") || rest.length > 1) throw new UsageError(`unknown cache command '${rest.join(" ")}'`, "Use `corepack pnpm run cache prune --keep N` or `corepack pnpm run cache reap`");
    if (rest[0] === "reap" && v["keep-entries"] !== undefined) throw new UsageError("cache reap takes no --keep", "Run `corepack pnpm run cache reap`, or `cache prune --keep N` to bound the target cache");
    if (rest[0] === "prune" && v["keep-entries"] === undefined) throw new UsageError("cache prune needs --keep N", "Pass how many installed targets to keep, e.g. --keep 3 (0 empties the cache)");
  }
  if (command === "bisect" && (!v.old || !v.new)) throw new UsageError("bisect needs --old V and --new V", "Pass e.g. --old 2026.5.12 --new 2026.6.10");
  const versions = v.versions === undefined ? null : v.versions.split(",").map((x) => x.trim()).filter(Boolean);
  if (versions && !versions.length) throw new UsageError("--versions is empty", "Pass e.g. --versions 2026.6.5,2026.6.6");
  return {
    from: v.from ?? null,
    to: v.to ?? null,
    versions,
    prereleases: v.prereleases ?? false,
    list: v.list ?? false,
    prune: v.prune ?? false,
    versionsAtOnce: command === "matrix" && v.concurrency !== undefined ? count("--concurrency", v.concurrency) || 1 : null,
    merge,
    old: v.old ?? null,
    new: v.new ?? null,
    keepEntries: v["keep-entries"] === undefined ? null : count("--keep", v["keep-entries"]),
    cacheCommand: command === "cache" ? (rest[0] === "reap" ? "reap" : "prune") : null,
  };
}

/** `cache prune --keep N`: --keep takes a number there (elsewhere it keeps the sandbox), so it is read as --keep-entries. Pure. */
export function cacheArgv(argv: readonly string[]): string[] {
  return argv[0] === "cache" ? argv.map((a) => (a === "--keep" ? "--keep-entries" : a.startsWith("--keep=") ? `--keep-entries=${a.slice(7)}` : a)) : [...argv];
}
