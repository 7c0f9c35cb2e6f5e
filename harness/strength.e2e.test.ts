/**
 * The strength run cut short: its mutant copies of the pinned build are gone after an interrupt. A whole strength run
 * on the real thing (every variant killed from the wire, the copies gone afterwards) is action.e2e.test.ts's; the break
 * and the survivors are judged from a recorded run (judge/run-status.test.ts).
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { E2E_TMP, noSandboxLeft, runCli } from "./e2e-helpers.ts";
import { RUN_TEMP_PREFIX } from "./hygiene/owner.ts";

async function runFolders(): Promise<string[]> {
  return (await readdir(E2E_TMP)).filter((f) => f.startsWith(RUN_TEMP_PREFIX));
}

describe("smoke --strength", () => {
  it("removes the mutant builds when interrupted while they run", async () => {
    const child = runCli(["smoke", "--scenario", "local-token-handoff", "--strength", "--report-dir", join(E2E_TMP, "reports")]);
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
