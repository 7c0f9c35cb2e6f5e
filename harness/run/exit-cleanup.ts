import { rmSync } from "node:fs";
import { liveTracked } from "../hygiene/pid-identity.ts";
import type { Lane } from "./lane.ts";

/** What the exit cleanup needs of the run's tracker. */
export interface ExitTracked {
  pidStarts: ReadonlyMap<number, string | null>;
  sandboxes: readonly string[];
  /** Ids of the lanes' own objects (the Compose lane's labelled Docker objects), which must go too. */
  leftovers?: ReadonlyArray<{ lane: string; id: string }>;
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
export function installExitCleanup(tracked: ExitTracked, keep: boolean, lanes: readonly Lane[] = [], proc: Pick<NodeJS.Process, "on"> = process): void {
  proc.on("exit", () => {
    killTrackedSync(tracked.pidStarts);
    for (const lane of lanes) {
      const ids = (tracked.leftovers ?? []).filter((t) => t.lane === lane.name).map((t) => t.id);
      if (ids.length) lane.leftovers?.removeSync(ids);
    }
    if (!keep) removeSandboxesSync(tracked.sandboxes);
  });
}
