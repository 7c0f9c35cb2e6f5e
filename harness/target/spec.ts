/**
 * Classifies a `--target` spec without touching the network. Pure: every file system question
 * goes through the probe, so tests pass a fake one.
 */
import { isAbsolute, join, resolve, sep } from "node:path";
import { UsageError } from "../errors.ts";

export interface FsProbe {
  exists(p: string): boolean;
  isDir(p: string): boolean;
  /** Text of a file, or undefined when it cannot be read. Optional: without it package names are not checked. */
  readText?(p: string): string | undefined;
}

export type TargetSpec =
  | { kind: "default" }
  | { kind: "registry"; version: string }
  | { kind: "tarball"; path: string }
  | { kind: "source" | "installed"; path: string };

const REGISTRY_SPEC = /^[A-Za-z0-9._-]+$/;
const PATH_FIX = "Pass a built checkout, an installed package dir, a .tgz from npm pack, or a version";

/** `default`, empty, or `openclaw` alone: the openclaw the harness itself depends on. */
export function isDefaultSpec(spec: string): boolean {
  const s = spec.trim();
  return s === "" || s === "default" || s === "openclaw";
}

/** A spec that names a file or folder rather than a registry version. */
export function looksLikePath(spec: string): boolean {
  return spec.includes("/") || spec.startsWith(".") || spec.startsWith("~") || spec.endsWith(".tgz");
}

/** The `name` of the package.json in `dir`: undefined when unreadable, null when there is none. */
function packageName(dir: string, probe: FsProbe): string | null | undefined {
  const file = join(dir, "package.json");
  if (!probe.exists(file)) return null;
  const text = probe.readText?.(file);
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && "name" in parsed && typeof parsed.name === "string") return parsed.name;
    return null;
  } catch {
    return null;
  }
}

export function classifySpec(spec: string, probe: FsProbe, cwd: string = process.cwd()): TargetSpec {
  const raw = spec.trim();
  if (isDefaultSpec(raw)) return { kind: "default" };

  if (!looksLikePath(raw)) {
    const version = raw.startsWith("openclaw@") ? raw.slice("openclaw@".length) : raw;
    if (!REGISTRY_SPEC.test(version)) {
      throw new UsageError(`Target "${raw}" is neither a path nor a registry version or dist-tag`, `${PATH_FIX} (versions use only letters, digits, ".", "_" and "-")`);
    }
    return { kind: "registry", version };
  }

  const path = isAbsolute(raw) ? raw : resolve(cwd, raw);
  if (!probe.exists(path)) {
    throw new UsageError(`${raw} does not exist, so it is not an OpenClaw build (no openclaw.mjs and dist/)`, PATH_FIX);
  }
  if (raw.endsWith(".tgz") && !probe.isDir(path)) return { kind: "tarball", path };
  if (!probe.isDir(path)) {
    throw new UsageError(`${raw} is not an OpenClaw build (no openclaw.mjs and dist/)`, PATH_FIX);
  }

  const built = probe.exists(join(path, "openclaw.mjs")) && probe.isDir(join(path, "dist"));
  const name = packageName(path, probe);
  const isGit = probe.exists(join(path, ".git"));
  const namedOpenclaw = name === "openclaw";
  const foreign = typeof name === "string" && !namedOpenclaw;
  // Published packages ship a src/ too (2026.6.5 has src/agents): a checkout also has its build
  // config and does not sit inside node_modules.
  const insideNodeModules = path.split(sep).includes("node_modules");
  const checkoutLayout =
    probe.isDir(join(path, "src")) && !insideNodeModules && (probe.exists(join(path, "tsconfig.json")) || probe.exists(join(path, "pnpm-lock.yaml")));

  if (!built && namedOpenclaw && (isGit || checkoutLayout)) {
    throw new UsageError(`${raw} is an OpenClaw source checkout without a build (no openclaw.mjs and dist/)`, "Build it first (pnpm install && pnpm build), or pass an installed package dir, a .tgz or a version");
  }
  if (!built || foreign) {
    throw new UsageError(`${raw} is not an OpenClaw build (no openclaw.mjs and dist/)`, PATH_FIX);
  }
  if (isGit || (namedOpenclaw && checkoutLayout)) return { kind: "source", path };
  return { kind: "installed", path };
}
