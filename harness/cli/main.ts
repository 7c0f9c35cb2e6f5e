// The CLI's entry: checks what would crash module loading (a TMPDIR that is not a writable folder), turns on V8's
// compile cache for the harness's own modules (beside the targets' cache: ~0.2 s of every command's start), then loads the rest.
import { enableCompileCache } from "node:module";
import { join } from "node:path";
import { compileCacheDir, defaultCacheDir } from "../target/cache-dir.ts";
import { environmentProblem } from "./environment.ts";

const problem = environmentProblem(process.env);
if (problem) {
  process.stderr.write(`error: ${problem}\n`);
  process.exit(2);
}
// The bins (commands/run.sh) set NODE_COMPILE_CACHE before Node starts; it is the harness's own, not its children's.
delete process.env.NODE_COMPILE_CACHE;
if (process.env.NODE_DISABLE_COMPILE_CACHE === undefined) enableCompileCache(join(compileCacheDir(defaultCacheDir(process.env)), "harness"));
await import("./entry.ts");
