import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dir, type DirectoryResult } from "tmp-promise";
import { createRedactor } from "../evidence/redact.ts";
import { SAMPLES } from "../evidence/sample-reports.ts";
import { validateReport } from "../evidence/validate.ts";
import type { Report } from "../evidence/types.ts";
import { finishReport } from "./finish.ts";

const TOKEN = "gw_tok_leaked_7d2f9a4c1e8b3a6f0c5d";
let tmp: DirectoryResult | null = null;
afterEach(async () => tmp?.cleanup());

/** A finished smoke whose secret scan has not run yet: finishReport adds it. */
function draft(): Report {
  const r = SAMPLES["smoke-pass"]();
  r.hygiene = r.hygiene.filter((h) => h.id !== "secrets");
  r.logs = ["gateway-single.log"];
  return r;
}

describe("finishReport", () => {
  it("a run whose scan finds a secret keeps only a quarantined, redacted report and fails, naming file and secret", async () => {
    tmp = await dir({ unsafeCleanup: true, prefix: "finish-test-" });
    await writeFile(join(tmp.path, "gateway-single.log"), `ready\nconnect with token ${TOKEN}\n`);
    await writeFile(join(tmp.path, "clean.log"), "nothing here\n");
    const r = draft();
    const first = r.targets[0]?.scenarios[0];
    if (!first) throw new Error("sample has no scenario");
    first.findings.push(`runtime said: ${TOKEN}`);
    const redactor = createRedactor([{ name: "gateway-token", value: TOKEN }]);
    const out = await finishReport(tmp.path, ["gateway-single.log", "clean.log"], r, redactor, validateReport);
    const written = await readFile(join(tmp.path, "report.json"), "utf8");
    expect(written).not.toContain(TOKEN);
    expect(await readFile(join(tmp.path, "gateway-single.log"), "utf8")).toBe("ready\nconnect with token «redacted:gateway-token»\n");
    expect(out.status).toBe("failed");
    expect(out.hygiene.find((h) => h.id === "secrets")).toMatchObject({ pass: false, offenders: ["gateway-single.log: gateway-token", "report.json: gateway-token"] });
    expect(out.quarantine?.files).toEqual([
      { file: "report.json", secrets: ["gateway-token"], action: "redacted" },
      { file: "gateway-single.log", secrets: ["gateway-token"], action: "redacted" },
    ]);
    expect(JSON.parse(written)).toEqual(out);
  });

  it("a clean run is written as is, not quarantined", async () => {
    tmp = await dir({ unsafeCleanup: true, prefix: "finish-test-" });
    await writeFile(join(tmp.path, "gateway-single.log"), "ready\n");
    const out = await finishReport(tmp.path, ["gateway-single.log"], draft(), createRedactor([{ name: "gateway-token", value: TOKEN }]), validateReport);
    expect(out.status).toBe("passed");
    expect(out.quarantine).toBeNull();
    expect(out.hygiene.at(-1)).toMatchObject({ id: "secrets", pass: true });
  });
});
