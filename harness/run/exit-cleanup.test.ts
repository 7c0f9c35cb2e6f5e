import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { readProcStat } from "../hygiene/pid-identity.ts";
import { removeSandboxesSync } from "./exit-cleanup.ts";

const tmp = await dir({ unsafeCleanup: true, prefix: "exit-cleanup-test-" });
afterAll(() => tmp.cleanup());
const RUN = fileURLToPath(new URL("./run.ts", import.meta.url));
const CLEANUP = fileURLToPath(new URL("./exit-cleanup.ts", import.meta.url));

/** A stand-in harness: tracks a sandbox holding a token and a child process, then leaves by `how`. */
function childScript(sandbox: string, how: "process.exit" | "throw", keep: boolean): string {
  return `
import { spawn } from "node:child_process";
import { newTracker, trackPid } from ${JSON.stringify(RUN)};
import { installExitCleanup } from ${JSON.stringify(CLEANUP)};
const tracker = newTracker();
installExitCleanup(tracker, ${keep});
tracker.sandboxes.push(${JSON.stringify(sandbox)});
const child = spawn("sleep", ["30"], { stdio: "ignore", detached: true });
trackPid(tracker, child.pid);
process.stdout.write(String(child.pid));
setTimeout(() => { ${how === "throw" ? 'throw new Error("escaped main")' : "process.exit(143)"}; }, 50);
`;
}

async function runStandIn(name: string, how: "process.exit" | "throw", keep = false): Promise<{ sandbox: string; pid: number; exitCode: number | undefined }> {
  const sandbox = join(tmp.path, `openclaw-smoke-${name}`);
  await mkdir(join(sandbox, "home", ".openclaw"), { recursive: true });
  await writeFile(join(sandbox, "home", ".openclaw", "exec-approvals.json"), '{"socket":{"token":"planted"}}');
  const script = join(tmp.path, `${name}.ts`);
  await writeFile(script, childScript(sandbox, how, keep));
  const r = await execa(process.execPath, [script], { reject: false, timeout: 20_000 });
  return { sandbox, pid: Number(r.stdout), exitCode: r.exitCode };
}

describe("exit cleanup", () => {
  it("removeSandboxesSync removes the folders, tolerates missing ones and never throws", async () => {
    const a = join(tmp.path, "a");
    await mkdir(join(a, "deep", "er"), { recursive: true });
    expect(removeSandboxesSync([a, join(tmp.path, "never-there")])).toEqual([]);
    expect(existsSync(a)).toBe(false);
  });

  for (const how of ["process.exit", "throw"] as const) {
    it(`a forced exit (${how}) removes the sandbox and ends the tracked processes`, async () => {
      const r = await runStandIn(how.replace(".", "-"), how);
      expect(r.exitCode).toBe(how === "throw" ? 1 : 143);
      expect(existsSync(r.sandbox)).toBe(false);
      expect(r.pid).toBeGreaterThan(0);
      await new Promise((res) => setTimeout(res, 100));
      const st = readProcStat(r.pid);
      expect(st === null || st.state === "Z").toBe(true);
    });
  }

  it("--keep keeps the sandbox on a forced exit, but not the processes", async () => {
    const r = await runStandIn("keep", "process.exit", true);
    expect(existsSync(r.sandbox)).toBe(true);
    await new Promise((res) => setTimeout(res, 100));
    const st = readProcStat(r.pid);
    expect(st === null || st.state === "Z").toBe(true);
  });
});
