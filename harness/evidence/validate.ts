import { Ajv, type ErrorObject } from "ajv";
import schema from "./report.schema.json" with { type: "json" };
import type { Report } from "./types.ts";

export type ValidationOutcome = { ok: true; report: Report } | { ok: false; errors: string[] };

// Compiled once, at module load. allErrors: a broken report shows every problem at once.
const ajv = new Ajv({ allErrors: true, strict: true });
const check = ajv.compile<Report>(schema);

function describe(e: ErrorObject): string {
  const where = e.instancePath === "" ? "(root)" : e.instancePath;
  const params = e.params as Record<string, unknown>;
  if (e.keyword === "additionalProperties") return `${where}: unexpected property "${String(params["additionalProperty"])}"`;
  if (e.keyword === "enum") return `${where}: ${e.message ?? "not allowed"} (${JSON.stringify(params["allowedValues"])})`;
  return `${where}: ${e.message ?? e.keyword}`;
}

/** Checks a document against report.schema.json; the schema mirrors the Report type field for field. */
export function validateReport(doc: unknown): ValidationOutcome {
  if (check(doc)) return { ok: true, report: doc };
  const errors = [...new Set((check.errors ?? []).map(describe))];
  return { ok: false, errors: errors.length > 0 ? errors : ["does not match the report schema"] };
}
