import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Report } from "../evidence/types.ts";
import { checkSecrets } from "../hygiene/checks.ts";
import { scanFiles } from "../hygiene/probe.ts";
import { quarantineFiles, quarantineReport, REPORT_FILE, type ScanRedactor } from "../hygiene/quarantine.ts";
import { overallStatus } from "../judge/run-status.ts";

export type ReportValidator = (r: unknown) => { ok: true } | { ok: false; errors: string[] };

/**
 * The last step of a run: scan every file written and the report itself for known secrets, quarantine on a find
 * (redacted copies, a redacted report marked quarantined; the secrets check fails, so the run fails), settle the
 * status, check the schema and write report.json. Returns the report as written.
 */
export async function finishReport(folder: string, files: readonly string[], draft: Report, redactor: ScanRedactor, validate: ReportValidator): Promise<Report> {
  const hits = await scanFiles(folder, files, (t) => redactor.findIn(t));
  hits.set(REPORT_FILE, redactor.findIn(JSON.stringify(draft)));
  const secrets = checkSecrets(hits, files.length + 1);
  draft.hygiene.push(secrets);
  const report = secrets.pass ? draft : quarantineReport(draft, redactor, await quarantineFiles(folder, hits, redactor));
  report.status = overallStatus(report);
  const valid = validate(report);
  if (!valid.ok) throw new Error(`internal error: the report does not match its schema: ${valid.errors.join("; ")}`);
  await writeFile(join(folder, REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`, { mode: 0o644 });
  return report;
}
