import { accessSync, constants, statSync } from "node:fs";

/**
 * What in the environment would stop the harness before it starts, as one line with the fix, or null. Checked before
 * any module that reads the temp dir at load time is imported (tmp-promise does). Node built-ins only.
 */
export function environmentProblem(env: NodeJS.ProcessEnv): string | null {
  const tmp = env.TMPDIR;
  if (tmp === undefined || tmp === "") return null;
  try {
    if (!statSync(tmp).isDirectory()) return `TMPDIR '${tmp}' is not a directory. Unset TMPDIR or point it at a writable folder`;
    accessSync(tmp, constants.W_OK | constants.X_OK);
    return null;
  } catch {
    return `TMPDIR '${tmp}' does not exist or is not writable. Unset TMPDIR or point it at a writable folder`;
  }
}
