import { describe, expect, it } from "vitest";
import { execa } from "execa";
import { fileURLToPath } from "node:url";

const FLUSH = fileURLToPath(new URL("./flush.ts", import.meta.url));
const BIG = 3_000_000;

describe("exitAfterFlush: a large stdout reaches its pipe whole before the process exits", () => {
  it("delivers every byte and keeps the exit code", async () => {
    // process.exit() alone delivered 292,352 of 5,000,000 bytes to execa here (65,536 to `| wc -c`), Node 24.21.
    const script = `import { exitAfterFlush } from ${JSON.stringify(FLUSH)}; process.stdout.write("x".repeat(${BIG}) + "\\n"); exitAfterFlush(3);`;
    const whole = await execa(process.execPath, ["--input-type=module", "-e", script], { reject: false });
    expect(whole.exitCode).toBe(3);
    expect(whole.stdout.length).toBe(BIG);
  });
});
