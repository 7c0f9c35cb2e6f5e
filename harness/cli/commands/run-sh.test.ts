import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { compileCacheDir, defaultCacheDir } from "../../target/cache-dir.ts";

const RUN_SH = join(fileURLToPath(new URL(".", import.meta.url)), "run.sh");

/** The line of run.sh that names the compile cache, evaluated by sh in `env` (run.sh itself execs Node). */
function shellCacheDir(env: Record<string, string>): string {
  const line = readFileSync(RUN_SH, "utf8").split("\n").find((l) => l.trim().startsWith("NODE_COMPILE_CACHE="));
  if (!line) throw new Error("run.sh names no NODE_COMPILE_CACHE");
  return execFileSync("sh", ["-c", `${line.trim()}; printf %s "$NODE_COMPILE_CACHE"`], { env, encoding: "utf8" });
}

describe("the bins' compile cache (commands/run.sh)", () => {
  it("is the folder main.ts enables (target/cache-dir.ts), for each way of naming the cache", () => {
    const envs: Array<Record<string, string>> = [{ HOME: "/h" }, { HOME: "/h", XDG_CACHE_HOME: "/x" }, { HOME: "/h", XDG_CACHE_HOME: "/x", OPENCLAW_SMOKE_CACHE: "/c" }];
    for (const env of envs) {
      expect(shellCacheDir(env), JSON.stringify(env)).toBe(join(compileCacheDir(defaultCacheDir(env)), "harness"));
    }
  });
});
