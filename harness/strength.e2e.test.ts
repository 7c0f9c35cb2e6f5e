/**
 * The strength run on the real thing: mutant copies of the pinned build, their runtime processes beside the unmutated
 * head gateway, killed or survived from the wire, the copies gone afterwards and after an interrupt.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CtrfReport } from "./render/ctrf.ts";
import { E2E_TMP, noSandboxLeft, readReport, reportPathFrom, runCli } from "./e2e-helpers.ts";
import { RUN_TEMP_PREFIX } from "./hygiene/owner.ts";

async function runFolders(): Promise<string[]> {
  return (await readdir(E2E_TMP)).filter((f) => f.startsWith(RUN_TEMP_PREFIX));
}

describe("smoke --strength", () => {
  it("kills the client mutants local-token-handoff names, shows the rest as survived, and --strength-break 100 exits 1", async () => {
    const r = await runCli(["smoke", "--scenario", "local-token-handoff", "--strength-break", "100"]);
    const out = String(r.all ?? "");
    expect(r.exitCode, out.slice(-3000)).toBe(1);
    const path = reportPathFrom(out);
    expect(path).not.toBeNull();
    const report = await readReport(path as string);
    const s = report.strength;
    expect(s).toBeDefined();
    if (!s) return;
    const status = Object.fromEntries(s.mutants.map((m) => [m.id, m.status]));
    // The catalog names local-token-handoff for these four; each must fail it on the wire.
    for (const id of ["token-never-sent", "device-beside-token", "derive-other-label", "derive-other-key"]) expect(status[id], id).toBe("killed");
    // Their catchers are outside this selection: honestly survived, never run, never skipped silently.
    for (const id of ["locality-ignored", "any-runtime-token-accepted", "token-on-every-url", "agent-token-dropped-local"]) expect(status[id], id).toBe("survived");
    const dropped = s.mutants.find((m) => m.id === "device-beside-token");
    expect(dropped?.scenarios[0]).toMatchObject({ id: "local-token-handoff", status: "failed", baseline: "passed", failed: ["device-identity"] });
    expect(s.score.survived).toBeGreaterThan(0);
    expect(s.break).toBe(100);
    expect(report.targets[0]?.scenarios.map((x) => [x.id, x.status])).toEqual([["local-token-handoff", "passed"]]);
    // One gateway, the unmutated head's, served every runtime mutant.
    expect(s.gateways).toHaveLength(1);
    expect(s.builds).toMatchObject({ made: 4, removed: true });
    expect(report.hygiene.find((h) => h.id === "builds")).toMatchObject({ pass: true });
    expect(report.status).toBe("failed");
    expect(out).toMatch(/^strength 4\/11 \(36\.3 %\), below the break of 100 % against openclaw 2026\.9\.6/m);
    const folder = (path as string).replace(/\/report\.json$/, "");
    const ctrf = JSON.parse(await readFile(join(folder, "ctrf.json"), "utf8")) as CtrfReport;
    expect(ctrf.results.tests.filter((t) => t.suite[0] === "strength")).toHaveLength(11);
    // The PR rendering names each variant not caught; its details hold the whole table.
    expect(await readFile(join(folder, "proof.md"), "utf8")).toMatch(/^Proof strength: strength 4\/11 .*; not caught: `/m);
    expect(await readFile(join(folder, "proof-details.md"), "utf8")).toContain("| `device-beside-token` |");
    expect(await runFolders()).toEqual([]);
    await noSandboxLeft();
  });

  it("removes the mutant builds when interrupted while they run", async () => {
    const child = runCli(["smoke", "--scenario", "local-token-handoff", "--strength"]);
    let sent = false;
    child.all?.on("data", (chunk: Buffer) => {
      if (!sent && /strength: local-token-handoff~/.test(chunk.toString())) {
        sent = true;
        child.kill("SIGINT");
      }
    });
    const r = await child;
    expect(sent, String(r.all ?? "").slice(-2000)).toBe(true);
    expect(r.exitCode).toBe(130);
    expect(await runFolders()).toEqual([]);
    await noSandboxLeft();
  });
});
