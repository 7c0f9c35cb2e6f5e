/** Run tasks with at most `n` at once, keeping result order. */
export async function mapLimit<T, R>(items: readonly T[], n: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}

/** A slot's holder may give it back before its task ends (its teardown then runs outside the slots). */
export type ReleaseSlot = () => void;

/**
 * A counting semaphore whose waiting tasks start highest `priority` first (ties in arrival order): `run(fn, p)` waits
 * for one of `n` slots. Tasks submitted in the same turn of the event loop are all weighed before the first starts,
 * so the run's units, submitted together, go longest first from the start. `fn` gets a release: once called (at most
 * once counts), the next task may start while `fn` still finishes; otherwise the slot is freed when `fn` ends.
 */
export function createSlots(n: number): { run<R>(fn: (release: ReleaseSlot) => Promise<R>, priority?: number): Promise<R> } {
  let free = Math.max(1, n);
  let seq = 0;
  const waiting: Array<{ priority: number; seq: number; start: () => void }> = [];
  let scheduled = false;
  const dispatch = (): void => {
    scheduled = false;
    waiting.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
    while (free > 0 && waiting.length) {
      free--;
      waiting.shift()?.start();
    }
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(dispatch);
  };
  return {
    async run(fn, priority = 0) {
      await new Promise<void>((start) => {
        waiting.push({ priority, seq: seq++, start });
        schedule();
      });
      let held = true;
      const release = (): void => {
        if (!held) return;
        held = false;
        free++;
        schedule();
      };
      try {
        return await fn(release);
      } finally {
        release();
      }
    },
  };
}
