/**
 * Children die with the harness even when its own teardown never runs (SIGKILL, the OOM killer, a CI timeout):
 * util-linux `setpriv --pdeathsig KILL -- <command>` sets PR_SET_PDEATHSIG and execs the command, so the child keeps
 * the PID the harness tracks and the kernel sends it SIGKILL when the harness's thread that spawned it ends. The
 * setting survives exec but is cleared by a change of credentials: a wrapper that drops privileges (isolation's
 * setpriv --reuid) sits behind `unshare --kill-child`, which this prefix covers. Where setpriv is missing or too old,
 * the prefix is empty and the exit handler and the parent watch are what is left.
 */
import { execFileSync } from "node:child_process";

let prefix: readonly string[] | null = null;

/** The argv prefix (checked once: the installed setpriv must accept --pdeathsig). */
export function parentDeathPrefix(): readonly string[] {
  if (prefix) return prefix;
  try {
    execFileSync("setpriv", ["--pdeathsig", "KILL", "--", "true"], { stdio: "ignore", timeout: 5000 });
    prefix = ["setpriv", "--pdeathsig", "KILL", "--"];
  } catch {
    prefix = [];
  }
  return prefix;
}

/** A command as execa's (file, args), behind the parent-death prefix. */
export function dyingWithHarness(argv: readonly string[]): [string, string[]] {
  const [file, ...args] = [...parentDeathPrefix(), ...argv];
  if (file === undefined) throw new Error("dyingWithHarness: empty argv");
  return [file, args];
}
