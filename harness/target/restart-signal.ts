/**
 * Which signal restarts a foreground gateway in place (same PID, no supervisor), read from the build's own gateway
 * run loop (dist/run-*.js): 2026.6.x registers SIGUSR1 (onSigusr1), 2026.9.x SIGUSR2 (onRestartSignal; Node's
 * inspector took SIGUSR1). A build with neither has no in-place restart: its lifecycle scenario that needs one is not
 * applicable, never passed.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export interface RestartSignal {
  signal: "SIGUSR1" | "SIGUSR2" | null;
  /** Where it was read (file and handler), or why there is none. */
  evidence: string;
}

/** The restart signal a run loop's text registers. Pure. */
export function restartSignalIn(text: string): { signal: "SIGUSR1" | "SIGUSR2"; handler: string } | null {
  const m = /process\.on\("(SIGUSR[12])",\s*(on\w+)\)/.exec(text);
  return m ? { signal: m[1] as "SIGUSR1" | "SIGUSR2", handler: m[2] ?? "" } : null;
}

export async function detectRestartSignal(openclawDir: string): Promise<RestartSignal> {
  const dist = join(openclawDir, "dist");
  const files = (await readdir(dist).catch(() => [] as string[])).filter((f) => /^run-[\w-]+\.m?js$/.test(f));
  for (const f of files) {
    const found = restartSignalIn(await readFile(join(dist, f), "utf8").catch(() => ""));
    if (found) return { signal: found.signal, evidence: `dist/${f}: process.on("${found.signal}", ${found.handler})` };
  }
  return { signal: null, evidence: `no SIGUSR1 or SIGUSR2 handler in the gateway's run loop (dist/run-*.js: ${files.length} file(s))` };
}
