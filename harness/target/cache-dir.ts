/** Where the target cache and the compile cache live. Node built-ins only: the CLI entry reads this before anything else loads. */
import { homedir } from "node:os";
import { join } from "node:path";

/** `$OPENCLAW_SMOKE_CACHE`, else `${XDG_CACHE_HOME:-~/.cache}/openclaw-approval-smoke/targets`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OPENCLAW_SMOKE_CACHE) return env.OPENCLAW_SMOKE_CACHE;
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache");
  return join(base, "openclaw-approval-smoke", "targets");
}

/**
 * V8's compiled code of the targets (and of the runtime client), kept beside the installed targets: OpenClaw keys
 * its own entries by version and install, Node keys its entries by file and content, so one directory serves all.
 */
export function compileCacheDir(cacheDir: string): string {
  return join(cacheDir, "compile-cache");
}
