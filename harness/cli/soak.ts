import { writeFile, mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { runOnce, type Session } from "./session.ts";
import { spread } from "../bench/figures.ts";

export interface SoakRun {
  index: number;
  status: string;
  wallMs: number;
  failed: string[];
  runId: string;
}

/** Pass/flake counts and wall-time spread of N soak runs. Pure. */
export function summarizeSoak(runs: readonly SoakRun[]): { runs: number; passed: number; flakes: number; minMs: number; medianMs: number; maxMs: number } {
  const passed = runs.filter((r) => r.status === "passed").length;
  const { minMs, medianMs, maxMs } = spread(runs.map((r) => r.wallMs));
  return { runs: runs.length, passed, flakes: runs.length - passed, minMs, medianMs, maxMs };
}

/** `pnpm soak --runs N`: the full smoke N times in a row. Exit 0 only with zero flakes. */
export async function runSoak(session: Session): Promise<number> {
  const runs: SoakRun[] = [];
  for (let i = 1; i <= session.opts.runs && !session.controller.signal.aborted; i++) {
    session.progress.info(`soak run ${i}/${session.opts.runs}`);
    const t0 = Date.now();
    const { report } = await runOnce(session, "smoke");
    const failed = report.targets.flatMap((t) => t.scenarios.filter((s) => s.status !== "passed").map((s) => `${s.id}: ${s.deciding}`));
    failed.push(...report.hygiene.filter((h) => !h.pass).map((h) => `hygiene ${h.id}: ${h.detail}`));
    runs.push({ index: i, status: report.status, wallMs: Date.now() - t0, failed, runId: report.runId });
    session.progress.info(`soak run ${i}: ${report.status} in ${((Date.now() - t0) / 1000).toFixed(1)}s${failed.length ? ` (${failed.join("; ")})` : ""}`);
  }
  const sum = summarizeSoak(runs);
  const dir = resolve(session.opts.reportDir);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "soak.json"), `${JSON.stringify({ summary: sum, runs }, null, 2)}\n`);
  process.stdout.write(
    `soak: ${sum.passed}/${sum.runs} passed, ${sum.flakes} flake(s); wall time min ${(sum.minMs / 1000).toFixed(1)}s, median ${(sum.medianMs / 1000).toFixed(1)}s, max ${(sum.maxMs / 1000).toFixed(1)}s\n` +
      runs.filter((r) => r.status !== "passed").map((r) => `  run ${r.index} (${r.runId}): ${r.failed.join("; ")}\n`).join("") +
      `summary: ${join(dir, "soak.json")}\n`,
  );
  if (session.controller.signal.aborted) return 130;
  return sum.flakes === 0 && sum.runs > 0 ? 0 : 1;
}
