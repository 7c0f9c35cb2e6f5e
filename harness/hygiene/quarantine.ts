import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { QuarantinedFile, Report } from "../evidence/types.ts";

export interface ScanRedactor {
  text(s: string): string;
  deep<T>(value: T): T;
  findIn(text: string): string[];
}

/** The report file itself: it is scanned before it is written, and written only redacted. */
export const REPORT_FILE = "report.json";

/**
 * Quarantine the files the secret scan flagged (hits: file → secret names): each is replaced by a redacted copy, or
 * removed when even the copy still holds a secret. The report file is not on disk yet and is left to quarantineReport.
 */
export async function quarantineFiles(folder: string, hits: ReadonlyMap<string, readonly string[]>, r: ScanRedactor): Promise<QuarantinedFile[]> {
  const out: QuarantinedFile[] = [];
  for (const [file, names] of hits) {
    if (names.length === 0 || file === REPORT_FILE) continue;
    const path = join(folder, file);
    const redacted = r.text(await readFile(path, "utf8").catch(() => ""));
    if (r.findIn(redacted).length === 0) {
      await writeFile(path, redacted);
      out.push({ file, secrets: [...names], action: "redacted" });
    } else {
      await rm(path, { force: true });
      out.push({ file, secrets: [...names], action: "removed" });
    }
  }
  return out;
}

/**
 * The report as it may be kept after a secret was found: every string redacted and the quarantine recorded (which
 * file held which secret, by name). Throws rather than return a report that still holds a secret. Pure.
 */
export function quarantineReport(report: Report, r: ScanRedactor, files: QuarantinedFile[]): Report {
  const reportNames = r.findIn(JSON.stringify(report));
  let out = JSON.parse(r.text(JSON.stringify(report))) as Report;
  if (r.findIn(JSON.stringify(out)).length > 0) out = r.deep(out);
  const removed = new Set(files.filter((f) => f.action === "removed").map((f) => f.file));
  out.logs = out.logs.filter((l) => !removed.has(l));
  out.quarantine = {
    reason: "the secret scan found a secret: the files named were redacted (or removed) and this report was written redacted",
    files: [...(reportNames.length ? [{ file: REPORT_FILE, secrets: reportNames, action: "redacted" as const }] : []), ...files],
  };
  if (r.findIn(JSON.stringify(out)).length > 0) throw new Error("internal error: the quarantined report still holds a secret");
  return out;
}
