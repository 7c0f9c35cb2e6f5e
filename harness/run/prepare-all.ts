/**
 * Prepare every scenario of a group at once. If one preparation fails, the others are still awaited and what they
 * opened (taps, runtime processes) is released before the first failure is rethrown: nothing is left open.
 */
export async function prepareAll<S, P>(scenarios: readonly S[], prepare: (s: S) => Promise<P>, release: (p: P) => Promise<void>): Promise<P[]> {
  const settled = await Promise.allSettled(scenarios.map((s) => prepare(s)));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (!failed) return settled.map((r) => (r as PromiseFulfilledResult<P>).value);
  await Promise.all(settled.map((r) => (r.status === "fulfilled" ? release(r.value).catch(() => undefined) : undefined)));
  throw failed.reason;
}
