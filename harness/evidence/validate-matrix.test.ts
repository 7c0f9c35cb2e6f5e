import { describe, expect, it } from "vitest";
import { changes } from "../../scenarios/changes.ts";
import { buildMatrix } from "../matrix/document.ts";
import { SAMPLES } from "./sample-reports.ts";
import type { MatrixDocument } from "./matrix-types.ts";
import { validateMatrix } from "./validate-matrix.ts";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A matrix with every optional part filled (a broken row with a log tail, a disk record), so every object is checked. */
function full(): MatrixDocument {
  const pass = SAMPLES["smoke-pass"]();
  return buildMatrix(
    [
      { version: "2026.9.6", report: pass, reportPath: "versions/a/report.json", logTail: null },
      { version: "2026.6.8", failure: { class: "broken", reason: "npm install failed", logTail: "E404" }, provisionMs: 3 },
    ],
    ["local-token-handoff", "env-url-omission", "configured-remote-identity", "fallback-local"],
    changes,
    {
      runId: "r",
      command: "c",
      source: "local",
      harness: { name: "h", version: "1" },
      host: { os: "linux", release: "6", arch: "x64", cpus: 2, memoryBytes: 1, harnessNode: "v24" },
      startedAt: "2026-12-02T00:00:00.000Z",
      finishedAt: "2026-12-02T00:00:01.000Z",
      versionList: { source: "registry", fetchedAt: "2026-12-02T00:00:00.000Z", all: ["2026.6.8", "2026.9.6"], prereleases: false, from: "2026.6.8", to: "2026.9.6", explicit: null, selected: ["2026.6.8", "2026.9.6"] },
      disk: { cacheDir: "/c", prune: true, startBytes: 1, peakBytes: 2, endBytes: 1, pruned: ["2026.6.8"] },
    },
  );
}

/** Objects of the matrix's own types, with their paths (the embedded report is report.schema.json's business). */
function objects(v: Json, path: string[] = []): Array<{ path: string[]; obj: { [k: string]: Json } }> {
  if (v === null || typeof v !== "object" || path[0] === "newest") return [];
  if (Array.isArray(v)) return v.flatMap((x, i) => objects(x, [...path, String(i)]));
  return [{ path, obj: v }, ...Object.entries(v).flatMap(([k, x]) => objects(x, [...path, k]))];
}

describe("matrix.schema.json mirrors MatrixDocument", () => {
  it("a built document validates, the newest release's report included", () => {
    const v = validateMatrix(full());
    expect(v.ok ? [] : v.errors).toEqual([]);
  });

  it("requires every field of every object, and rejects an unknown one", () => {
    const doc = JSON.parse(JSON.stringify(full())) as Json;
    for (const { path, obj } of objects(doc)) {
      for (const key of Object.keys(obj)) {
        const copy = JSON.parse(JSON.stringify(doc)) as Json;
        let at = copy as { [k: string]: Json };
        for (const p of path) at = at[p] as { [k: string]: Json };
        delete at[key];
        expect(validateMatrix(copy).ok, `${[...path, key].join(".")} is required`).toBe(false);
      }
      const copy = JSON.parse(JSON.stringify(doc)) as Json;
      let at = copy as { [k: string]: Json };
      for (const p of path) at = at[p] as { [k: string]: Json };
      at.unexpected = 1;
      expect(validateMatrix(copy).ok, `${path.join(".")} rejects an unknown property`).toBe(false);
    }
  });
});
