/** Which releases a matrix runs: the registry's list, sorted by semver, narrowed by --from/--to/--versions. Pure. */
import semver from "semver";
import { UsageError } from "../errors.ts";
import type { VersionList } from "../evidence/matrix-types.ts";

/** The release before which no build has the fix; the matrix starts there unless told otherwise. */
export const DEFAULT_FROM = "2026.6.5";

/**
 * A prerelease is a version whose prerelease tag names a channel (beta, alpha, rc). OpenClaw also publishes
 * numeric re-releases such as 2026.7.1-1 and 2026.7.1-2 (on `latest`, not a channel): those count as releases,
 * and semver sorts them before 2026.7.1.
 */
export function isPrerelease(version: string): boolean {
  const pre = semver.prerelease(version);
  return pre !== null && pre.some((id) => typeof id === "string" && /[a-z]/i.test(id));
}

/** The registry's `versions` JSON (a list, or one string for a single version) → valid versions, semver-sorted. */
export function parseVersionList(json: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`the registry's version list is not JSON: ${json.slice(0, 120)}`);
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return sortVersions(list.filter((v): v is string => typeof v === "string" && semver.valid(v) === v));
}

export function sortVersions(list: readonly string[]): string[] {
  return [...new Set(list)].sort(semver.compare);
}

export interface VersionSelection {
  from: string | null;
  to: string | null;
  versions: string[] | null;
  prereleases: boolean;
}

function known(all: readonly string[], flag: string, v: string): string {
  if (semver.valid(v) !== v) throw new UsageError(`${flag} ${v} is not a version`, `Pass an exact version such as ${flag} ${all.at(-1) ?? DEFAULT_FROM}`);
  if (!all.includes(v)) throw new UsageError(`${flag} ${v} is not on the registry`, `Pick a published version (corepack pnpm matrix --list --json lists them)`);
  return v;
}

/**
 * The versions to run. --versions: exactly those (each must be published). Otherwise every release from --from
 * (default 2026.6.5) to --to (default the newest release), prereleases only with --prereleases. Pure.
 */
export function selectVersions(all: readonly string[], sel: VersionSelection): string[] {
  if (sel.versions) {
    if (sel.from || sel.to) throw new UsageError("--versions names the versions itself", "Drop --from/--to, or drop --versions");
    return sortVersions(sel.versions.map((v) => known(all, "--versions", v)));
  }
  const releases = all.filter((v) => !isPrerelease(v));
  const from = sel.from === null ? DEFAULT_FROM : known(all, "--from", sel.from);
  const to = sel.to === null ? (releases.at(-1) ?? null) : known(all, "--to", sel.to);
  if (to === null) throw new UsageError("the registry lists no release of openclaw", "Check the registry settings, or pass --versions");
  if (semver.gt(from, to)) throw new UsageError(`--from ${from} is newer than --to ${to}`, "Swap them");
  return all.filter((v) => (sel.prereleases || !isPrerelease(v)) && semver.gte(v, from) && semver.lte(v, to));
}

/** The record of the list and the choice, for matrix.json. Pure. */
export function versionListRecord(all: readonly string[], sel: VersionSelection, selected: readonly string[], fetchedAt: string): VersionList {
  return {
    source: "registry",
    fetchedAt,
    all: [...all],
    prereleases: sel.prereleases,
    from: sel.versions ? null : (sel.from ?? DEFAULT_FROM),
    to: sel.versions ? null : (sel.to ?? selected.at(-1) ?? null),
    explicit: sel.versions ? [...sel.versions] : null,
    selected: [...selected],
  };
}

/** Versions strictly after `old` up to and including `newer` (releases only unless prereleases): a bisect's candidates. Pure. */
export function between(all: readonly string[], old: string, newer: string, prereleases: boolean): string[] {
  if (!semver.lt(old, newer)) throw new UsageError(`--old ${old} is not older than --new ${newer}`, "Pass the older release as --old and the newer as --new (a fix and a regression are both found that way)");
  return all.filter((v) => (prereleases || !isPrerelease(v) || v === newer) && semver.gt(v, old) && semver.lte(v, newer));
}
