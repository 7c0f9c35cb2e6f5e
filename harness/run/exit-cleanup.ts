import { rmSync } from "node:fs";
import { liveTracked } from "../hygiene/pid-identity.ts";
import { removeLabelledSync } from "../compose/docker.ts";

/** What the exit cleanup needs of the run's tracker. */
export interface ExitTracked {
  pidStarts: ReadonlyMap<number, string | null>;
  sandboxes: readonly string[];
  /** Runs whose labelled Docker objects must go too (the Compose lane). */
  compose?: readonly string[];
}

/** SIGKILL every tracked process that is still ours (same start time), synchronously. Returns the PIDs signalled. */
export function killTrackedSync(started: ReadonlyMap<number, string | null>): number[] {
  const killed: number[] = [];
  for (const pid of liveTracked(started)) {
    try {
      process.kill(pid, "SIGKILL");
      killed.push(pid);
    } catch {
      // gone meanwhile
    }
  }
  return killed;
}

/** Remove the sandboxes synchronously (fit for a process 'exit' handler); never throws. Returns those that could not be removed. */
export function removeSandboxesSync(roots: readonly string[]): string[] {
  const failed: string[] = [];
  for (const root of roots) {
    try {
      rmSync(root, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      failed.push(root);
    }
  }
  return failed;
}

/**
 * The last line of defence: on every exit of the harness process (the end of main, any process.exit such as the 10 s
 * guard after a signal, an exception that escapes main) end the tracked processes that are still ours and remove the
 * sandboxes, which hold the socket and gateway tokens. Unless --keep asked to keep the sandboxes.
 */
export function installExitCleanup(tracked: ExitTracked, keep: boolean, proc: Pick<NodeJS.Process, "on"> = process): void {
  proc.on("exit", () => {
    killTrackedSync(tracked.pidStarts);
    if (tracked.compose?.length) removeLabelledSync(tracked.compose);
    if (!keep) removeSandboxesSync(tracked.sandboxes);
  });
}
