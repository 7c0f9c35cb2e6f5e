import { Ajv, type ErrorObject } from "ajv";
import reportSchema from "./report.schema.json" with { type: "json" };
import matrixSchema from "./matrix.schema.json" with { type: "json" };
import type { MatrixDocument } from "./matrix-types.ts";

export type MatrixValidation = { ok: true; doc: MatrixDocument } | { ok: false; errors: string[] };

// The matrix schema refers to the report schema by its file name (the newest release's report is embedded whole).
const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addSchema(reportSchema, "report.schema.json");
const check = ajv.compile<MatrixDocument>(matrixSchema);

function describe(e: ErrorObject): string {
  const where = e.instancePath === "" ? "(root)" : e.instancePath;
  const params = e.params as Record<string, unknown>;
  if (e.keyword === "additionalProperties") return `${where}: unexpected property "${String(params["additionalProperty"])}"`;
  return `${where}: ${e.message ?? e.keyword}`;
}

/** Checks a document against matrix.schema.json, which mirrors MatrixDocument field for field. */
export function validateMatrix(doc: unknown): MatrixValidation {
  if (check(doc)) return { ok: true, doc };
  const errors = [...new Set((check.errors ?? []).map(describe))];
  return { ok: false, errors: errors.length > 0 ? errors : ["does not match the matrix schema"] };
}
