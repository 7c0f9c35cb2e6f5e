/**
 * Once the process that started the CLI is gone, nothing more goes to the terminal. `corepack pnpm smoke` under a
 * SIGTERM, a Ctrl-C or `timeout` hands the shell back at once (pnpm exits 143/130/124) while the harness still tears
 * down for about a second; lines printed then would land on the user's next prompt. The report on disk is complete
 * either way, and its path is in the report folder the user asked for.
 */

export interface Writable {
  write(chunk: string | Uint8Array, ...rest: unknown[]): boolean;
}

/**
 * Wraps each stream's write so that it is dropped once `currentParent()` no longer answers `parentPid` (the kernel
 * re-parents an orphan). Returns whether output has been muted so far, for the caller's own decisions.
 */
export function muteWhenOrphaned(streams: Writable[], parentPid: number, currentParent: () => number): () => boolean {
  let muted = false;
  const orphaned = (): boolean => {
    if (!muted && currentParent() !== parentPid) muted = true;
    return muted;
  };
  for (const stream of streams) {
    const write = stream.write.bind(stream);
    stream.write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      if (!orphaned()) return write(chunk, ...rest);
      const done = rest.find((r): r is () => void => typeof r === "function");
      done?.();
      return true;
    };
  }
  return orphaned;
}

/**
 * Calls `onGone` once when the process that started the CLI is gone without a signal reaching the CLI (pnpm's bin
 * shim does not exec node, so a signal to that shim alone, or its SIGKILL, leaves the harness running for nobody).
 * Polls every `intervalMs` on an unref'd timer; returns the function that stops watching.
 */
export function watchParent(parentPid: number, currentParent: () => number, onGone: () => void, intervalMs = 250): () => void {
  const timer = setInterval(() => {
    if (currentParent() === parentPid) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
