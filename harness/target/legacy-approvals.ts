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

export interface DistFile {
  name: string;
  text: string;
}

/** The gate's own message (2026.8.1 in exec-approvals-generated-migration-*.js, 2026.9.x in exec-approvals-migration-gate-*.mjs). */
export const GATE_TEXT = "Legacy exec approvals exist";
const GATE_FILE = /^exec-approvals[\w.-]*\.m?js$/;
/** A startup module that calls the importer (2026.9.6: startup-state-migrations-*.mjs). */
const STARTUP_FILE = /startup[\w.-]*\.m?js$/;
const IMPORTER = /\bmigrateLegacyExecApprovals\b/;

/** The dist files worth reading: few, by name. Pure. */
export function isCandidate(name: string): boolean {
  return GATE_FILE.test(name) || STARTUP_FILE.test(name);
}

/** Decide from the text of the build's candidate dist files. Pure. */
export function classifyLegacyApprovalsImport(files: readonly DistFile[]): LegacyApprovalsDetection {
  const gate = files.find((f) => GATE_FILE.test(f.name) && f.text.includes(GATE_TEXT));
  if (!gate) return { via: "none", evidence: "dist has no exec-approvals migration gate" };
  const importers = files.filter((f) => STARTUP_FILE.test(f.name) && IMPORTER.test(f.text)).map((f) => f.name);
  if (importers.length) return { via: "gateway-start", evidence: `dist/${gate.name} gates the legacy file; ${importers.join(", ")} imports it at start` };
  return { via: "doctor", evidence: `dist/${gate.name} gates the legacy file and no startup module imports it (only doctor does)` };
}

/** Read what classifyLegacyApprovalsImport needs from an installed build. */
export async function detectLegacyApprovalsImport(openclawDir: string): Promise<LegacyApprovalsDetection> {
  const dist = join(openclawDir, "dist");
  const names = (await readdir(dist).catch(() => [] as string[])).filter(isCandidate);
  const files = await Promise.all(names.map(async (name) => ({ name, text: await readFile(join(dist, name), "utf8").catch(() => "") })));
  return classifyLegacyApprovalsImport(files);
}
