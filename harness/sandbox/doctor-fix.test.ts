import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { withDir } from "tmp-promise";
import { describe, expect, it } from "vitest";
import { StepError } from "../errors.ts";
import { createRedactor } from "../evidence/redact.ts";
import { runDoctorFix } from "./doctor-fix.ts";

/** A fake `openclaw.mjs` (a few lines of Node, not OpenClaw) stands in for the build's doctor: only the step's logic is tested. */
async function withFakeDoctor(script: string, fn: (o: Parameters<typeof runDoctorFix>[0]) => Promise<void>): Promise<void> {
  await withDir(async ({ path }) => {
    const build = join(path, "build");
    const home = join(path, "home");
    const legacyFile = join(home, ".openclaw", "exec-approvals.json");
    await mkdir(build);
    await mkdir(join(home, ".openclaw"), { recursive: true });
    await writeFile(legacyFile, "{}");
    await writeFile(join(build, "openclaw.mjs"), script);
    const redactor = createRedactor();
    redactor.add({ name: "socket-token", value: "s3cr3t-socket-token-value" });
    await fn({ nodePath: process.execPath, openclawDir: build, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LEGACY: legacyFile }, home, legacyFile, reportFolder: path, logName: "doctor.log", reason: "test", redactor, signal: new AbortController().signal, trackPid: () => undefined, timeoutMs: 20_000 });
  }, { unsafeCleanup: true });
}

describe("runDoctorFix (fake doctor script, no OpenClaw)", () => {
  it("records a doctor that took the legacy file in, with its argv and a redacted log", async () => {
    await withFakeDoctor(`import { rmSync } from "node:fs"; console.log(process.argv.slice(2).join(" "), "s3cr3t-socket-token-value"); rmSync(process.env.LEGACY);`, async (o) => {
      const r = await runDoctorFix(o);
      expect(r).toMatchObject({ command: "openclaw doctor --fix --non-interactive", exitCode: 0, logFile: "doctor.log", reason: "test" });
      const log = await readFile(join(o.reportFolder, "doctor.log"), "utf8");
      expect(log).toContain("doctor --fix --non-interactive");
      expect(log).not.toContain("s3cr3t-socket-token-value");
    });
  });
  it("fails with the exit code and the log tail when doctor exits non-zero", async () => {
    await withFakeDoctor(`console.error("cannot repair"); process.exit(3);`, async (o) => {
      const err = await runDoctorFix(o).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StepError);
      expect((err as StepError).message).toBe("state migration: openclaw doctor --fix exited 3");
      expect((err as StepError).detail).toMatchObject({ exitCode: 3, logTail: "cannot repair" });
    });
  });
  it("names a doctor blocked by the build's own legacy-approvals gate (2026.8.1's defect) as such", async () => {
    await withFakeDoctor(`console.error("Legacy exec approvals exist at " + process.env.LEGACY + ". Run \`openclaw doctor --fix\` before using exec approvals."); process.exit(1);`, async (o) => {
      const err = await runDoctorFix(o).catch((e: unknown) => e);
      expect((err as StepError).message).toBe("state migration: openclaw doctor --fix exited 1, blocked by the build's own legacy-approvals gate (its doctor cannot import exec-approvals.json)");
      expect((err as StepError).detail.next).toMatch(/cannot take in a legacy exec-approvals.json through its own doctor/);
    });
  });
  it("fails when doctor exits 0 but leaves the legacy file in place", async () => {
    await withFakeDoctor(`console.log("nothing to do");`, async (o) => {
      await expect(runDoctorFix(o)).rejects.toThrow("left the legacy exec-approvals.json in place");
    });
  });
});
