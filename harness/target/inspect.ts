/** Reads what an OpenClaw folder is and checks that the harness can drive it. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import semver from "semver";
import { UsageError } from "../errors.ts";

export const APPROVAL_CLIENT_EXPORT = "./plugin-sdk/approval-gateway-runtime";

export interface OpenclawPackage {
  name: string;
  version: string;
  enginesNode: string | null;
  exports: Record<string, unknown>;
  integrity: string | null; // package.json _integrity, when an old npm wrote one
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8"));
}

export function readOpenclawPackage(dir: string, label: string): OpenclawPackage {
  let raw: unknown;
  try {
    raw = readJson(join(dir, "package.json"));
  } catch {
    throw new UsageError(`${label} has no readable package.json at ${dir}, so it is not an OpenClaw build`, "Pass a built checkout, an installed package dir, a .tgz from npm pack, or a version");
  }
  const p = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  if (p.name !== "openclaw" || typeof p.version !== "string") {
    throw new UsageError(`${label} at ${dir} is package "${String(p.name)}", not openclaw`, "Pass a built checkout, an installed package dir, a .tgz from npm pack, or a version");
  }
  const engines = (typeof p.engines === "object" && p.engines !== null ? p.engines : {}) as Record<string, unknown>;
  return {
    name: p.name,
    version: p.version,
    enginesNode: typeof engines.node === "string" ? engines.node : null,
    exports: (typeof p.exports === "object" && p.exports !== null ? p.exports : {}) as Record<string, unknown>,
    integrity: typeof p._integrity === "string" ? p._integrity : null,
  };
}

/** The target's `engines.node` must accept the Node that will run its gateway. */
export function checkEngines(pkg: OpenclawPackage, nodeVersion: string): void {
  if (!pkg.enginesNode) return;
  const node = semver.clean(nodeVersion) ?? nodeVersion;
  if (!semver.satisfies(node, pkg.enginesNode, { includePrerelease: true })) {
    throw new UsageError(
      `openclaw ${pkg.version} needs Node ${pkg.enginesNode} but the harness would run it on Node ${node}`,
      "Run the harness through corepack pnpm (it brings Node 24 in node_modules/.bin/node), or pick a target whose engines accept this Node",
    );
  }
}

/** The file an `exports` entry points at (string, or a conditions object: default/import/node/require). */
export function exportTarget(entry: unknown): string | null {
  if (typeof entry === "string") return entry;
  if (typeof entry !== "object" || entry === null) return null;
  const conditions = entry as Record<string, unknown>;
  for (const key of ["node", "import", "default", "require"]) {
    const found = exportTarget(conditions[key]);
    if (found) return found;
  }
  return null;
}

/** The target must ship the approval client the runtime process uses. */
export function checkApprovalClient(dir: string, pkg: OpenclawPackage): void {
  const file = exportTarget(pkg.exports[APPROVAL_CLIENT_EXPORT]);
  if (!file || !existsSync(join(dir, file))) {
    throw new UsageError(
      `openclaw ${pkg.version} at ${dir} does not ship openclaw/plugin-sdk/approval-gateway-runtime${file ? ` (${file} is missing)` : ""}`,
      "Pick a build that has the approval gateway client (openclaw 2026.6.5 and later do), or build the checkout first",
    );
  }
}

/** Node's lookup: `<level>/node_modules/<name>` for each ancestor of `from`. */
export function findPackageDir(from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

export type NativeHelper = "present" | "missing" | "not-needed";

/** fs-safe's native helper name for this machine, as @openclaw/fs-safe's own loader computes it. */
function nativeTarget(): string | null {
  const { platform, arch } = process;
  if (platform === "win32" && arch === "x64") return "win32-x64-msvc";
  if (platform === "darwin" && (arch === "x64" || arch === "arm64")) return `darwin-${arch}`;
  if (platform === "linux" && (arch === "x64" || arch === "arm64")) {
    const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
    return `linux-${arch}-${header?.glibcVersionRuntime ? "gnu" : "musl"}`;
  }
  return null;
}

/**
 * Whether the native optional helper of @openclaw/fs-safe landed. It is optional at run time
 * (fs-safe falls back to JS), but an npm running on Node < 22 silently leaves it out.
 */
export function nativeHelperStatus(openclawDir: string): { status: NativeHelper; packageName: string | null } {
  const fsSafe = findPackageDir(openclawDir, "@openclaw/fs-safe");
  const target = nativeTarget();
  if (!fsSafe || !target) return { status: "not-needed", packageName: null };
  const name = `@openclaw/fs-safe-${target}`;
  const optional = (readJson(join(fsSafe, "package.json")) as { optionalDependencies?: Record<string, string> }).optionalDependencies ?? {};
  if (!(name in optional)) return { status: "not-needed", packageName: null };
  return { status: findPackageDir(fsSafe, name) ? "present" : "missing", packageName: name };
}

const LOCK_ENTRY = (version: string): RegExp =>
  new RegExp(`^ {2}'?openclaw@${version.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}'?:\\s*\\n\\s+resolution: \\{integrity: ([^,}\\s]+)`, "m");

/** The integrity pnpm recorded for openclaw@version in one of these lockfiles, or null. */
export function integrityFromPnpmLock(lockFiles: string[], version: string): string | null {
  for (const file of lockFiles) {
    if (!existsSync(file)) continue;
    const m = LOCK_ENTRY(version).exec(readFileSync(file, "utf8"));
    if (m?.[1]) return m[1];
  }
  return null;
}

/** Integrity of an installed openclaw folder: package.json `_integrity`, npm's hidden lockfile, or pnpm's. */
export function installedIntegrity(dir: string, pkg: OpenclawPackage): string | null {
  if (pkg.integrity) return pkg.integrity;
  const nodeModules = dirname(dir);
  const hidden = join(nodeModules, ".package-lock.json");
  if (existsSync(hidden)) {
    try {
      const lock = readJson(hidden) as { packages?: Record<string, { version?: string; integrity?: string }> };
      const entry = lock.packages?.["node_modules/openclaw"];
      if (entry?.version === pkg.version && entry.integrity) return entry.integrity;
    } catch {
      // unreadable hidden lockfile: no integrity
    }
  }
  const pnpmAt = dir.lastIndexOf(`${sep}node_modules${sep}.pnpm${sep}`);
  if (pnpmAt >= 0) {
    const pnpmDir = join(dir.slice(0, pnpmAt), "node_modules", ".pnpm");
    return integrityFromPnpmLock([join(pnpmDir, "lock.yaml"), join(pnpmDir, "..", "..", "pnpm-lock.yaml")], pkg.version);
  }
  return null;
}
