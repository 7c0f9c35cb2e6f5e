import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * How a build takes in a legacy `exec-approvals.json` (the file the harness writes, as every build before the
 * SQLite store read it):
 * - `none`: the build reads the JSON file itself (no migration gate);
 * - `gateway-start`: the build keeps approvals in SQLite and its gateway imports the legacy file when it starts;
 * - `doctor`: the build keeps approvals in SQLite, refuses the legacy file at run time
 *   (ExecApprovalsMigrationRequiredError: "Legacy exec approvals exist … Run `openclaw doctor --fix`") and only its
 *   doctor imports it; the harness then runs the build's own `openclaw doctor --fix --non-interactive`, as a user would.
 */
export type LegacyApprovalsImport = "none" | "gateway-start" | "doctor";

export interface LegacyApprovalsDetection {
  via: LegacyApprovalsImport;
  /** What in the build decided it, for the report. */
  evidence: string;
}

const GATE_FILE = /^exec-approvals-migration-gate-[\w-]+\.mjs$/;
const STARTUP_FILE = /^startup-state-migrations-[\w-]+\.mjs$/;
const IMPORTER = /\bmigrateLegacyExecApprovals\b/;

/** Decide from the build's dist file names and the text of its startup-migration modules. Pure. */
export function classifyLegacyApprovalsImport(distFiles: readonly string[], startupTexts: readonly string[]): LegacyApprovalsDetection {
  const gate = distFiles.find((f) => GATE_FILE.test(f));
  if (!gate) return { via: "none", evidence: "dist has no exec-approvals migration gate" };
  const startup = distFiles.filter((f) => STARTUP_FILE.test(f));
  if (startupTexts.some((t) => IMPORTER.test(t))) return { via: "gateway-start", evidence: `dist/${gate}; ${startup.join(", ")} imports the legacy file at start` };
  return { via: "doctor", evidence: `dist/${gate}; no startup state migration imports the legacy file (only doctor does)` };
}

/** Read what classifyLegacyApprovalsImport needs from an installed build. */
export async function detectLegacyApprovalsImport(openclawDir: string): Promise<LegacyApprovalsDetection> {
  const dist = join(openclawDir, "dist");
  const files = await readdir(dist).catch(() => [] as string[]);
  const startupTexts = await Promise.all(files.filter((f) => STARTUP_FILE.test(f)).map((f) => readFile(join(dist, f), "utf8").catch(() => "")));
  return classifyLegacyApprovalsImport(files, startupTexts);
}
