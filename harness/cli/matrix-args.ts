/** The options of matrix, bisect and cache (read by their tables in args.ts, checked here). Pure. */
import { UsageError } from "../errors.ts";
import { MERGE_OPTIONS, type Command } from "./command-specs.ts";
import { ignoredIn } from "./option-errors.ts";

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
  /** matrix --upgrade-to SPEC: each release's live home is upgraded to this build (an upgrade matrix), or null. */
  upgradeTo: string | null;
}

/** The values matrixOptions reads (each only where its command's table has it). */
export interface MatrixValues {
  from?: string | undefined;
  to?: string | undefined;
  versions?: string | undefined;
  prereleases: boolean;
  list: boolean;
  prune: boolean;
  old?: string | undefined;
  new?: string | undefined;
  /** cache's --keep N. */
  keepEntries?: string | undefined;
  concurrency?: string | undefined;
  upgradeTo?: string | undefined;
}

/** matrix --list reads which versions and scenarios a run would take, and nothing else. */
const LIST_OPTIONS: readonly string[] = ["from", "to", "versions", "prereleases", "scenario", "list", "json"];

function count(flag: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a whole number, got '${raw}'`, `Pass e.g. ${flag} 3`);
  return n;
}

/** The matrix/bisect/cache part of the options; `given` names the options given. Usage errors name the fix. */
export function matrixOptions(command: Command, rest: readonly string[], v: MatrixValues, given: readonly string[]): MatrixCliOptions {
  let merge: string[] | null = null;
  if (command === "matrix" && rest.length) {
    if (rest[0] !== "merge") throw new UsageError(`unexpected argument '${rest[0]}'`, "Use `corepack pnpm matrix merge <report.json…>`, or options that start with --");
    merge = rest.slice(1);
    if (!merge.length) throw new UsageError("matrix merge needs report.json files", "Pass them: corepack pnpm matrix merge reports/*/report.json");
    const ignored = ignoredIn(given, MERGE_OPTIONS);
    if (ignored) throw new UsageError(`matrix merge takes the versions and scenarios from the reports, so not --${ignored}`, `Drop --${ignored}; merge takes ${MERGE_OPTIONS.filter((n) => n !== "help").map((n) => `--${n}`).join(", ")}`);
  }
  if (command === "matrix" && v.list) {
    const ignored = ignoredIn(given, LIST_OPTIONS);
    if (ignored) throw new UsageError(`matrix --list runs nothing, so --${ignored} has nothing to do`, `Drop --${ignored}, or drop --list to run the matrix`);
  }
  if (command === "cache") {
    if ((rest[0] !== "prune" && rest[0] !== "reap") || rest.length > 1) throw new UsageError(`unknown cache command '${rest.join(" ")}'`, "Use `corepack pnpm run cache prune --keep N` or `corepack pnpm run cache reap`");
    if (rest[0] === "reap" && v.keepEntries !== undefined) throw new UsageError("cache reap takes no --keep", "Run `corepack pnpm run cache reap`, or `cache prune --keep N` to bound the target cache");
    if (rest[0] === "prune" && v.keepEntries === undefined) throw new UsageError("cache prune needs --keep N", "Pass how many installed targets to keep, e.g. --keep 3 (0 empties the cache)");
  }
  if (command === "bisect" && (!v.old || !v.new)) throw new UsageError("bisect needs --old V and --new V", "Pass e.g. --old 2026.5.12 --new 2026.6.10");
  const versions = v.versions === undefined ? null : v.versions.split(",").map((x) => x.trim()).filter(Boolean);
  if (versions && !versions.length) throw new UsageError("--versions is empty", "Pass e.g. --versions 2026.6.5,2026.6.6");
  return {
    from: v.from ?? null,
    to: v.to ?? null,
    versions,
    prereleases: v.prereleases,
    list: v.list,
    prune: v.prune,
    versionsAtOnce: command === "matrix" && v.concurrency !== undefined ? count("--concurrency", v.concurrency) || 1 : null,
    merge,
    old: v.old ?? null,
    new: v.new ?? null,
    keepEntries: v.keepEntries === undefined ? null : count("--keep", v.keepEntries),
    cacheCommand: command === "cache" ? (rest[0] === "reap" ? "reap" : "prune") : null,
    upgradeTo: command === "matrix" ? (v.upgradeTo ?? null) : null,
  };
}
