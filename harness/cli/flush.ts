/**
 * Exit once stdout and stderr have been handed to their readers. Node writes to a pipe asynchronously, and
 * process.exit() drops what is still queued: a `--json` report of a few hundred KB reached its reader cut at 64 KiB
 * (`| wc -c`) or a few hundred KB (execa), which is how `bench` once lost a proof's report. A reader that never reads
 * must not hold the process forever: after `timeoutMs` it exits anyway.
 */
export function exitAfterFlush(code: number, streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr], timeoutMs = 30_000): void {
  let pending = streams.length;
  const done = (): void => {
    pending -= 1;
    if (pending <= 0) process.exit(code);
  };
  setTimeout(() => process.exit(code), timeoutMs).unref();
  for (const s of streams) {
    if (s.destroyed || !s.writable) done();
    else s.write("", () => done());
  }
}
