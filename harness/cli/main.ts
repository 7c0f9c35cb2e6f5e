// The CLI's entry: checks what would crash module loading (a TMPDIR that is not a writable folder), then loads the rest.
import { environmentProblem } from "./environment.ts";

const problem = environmentProblem(process.env);
if (problem) {
  process.stderr.write(`error: ${problem}\n`);
  process.exit(2);
}
await import("./entry.ts");
