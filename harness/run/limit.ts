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

/** A counting semaphore: `run(fn)` waits for one of `n` slots. */
export function createSlots(n: number): { run<R>(fn: () => Promise<R>): Promise<R> } {
  let free = Math.max(1, n);
  const waiting: Array<() => void> = [];
  return {
    async run(fn) {
      if (free > 0) free--;
      else await new Promise<void>((r) => waiting.push(r));
      try {
        return await fn();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else free++;
      }
    },
  };
}
