import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { createRedactor } from "../evidence/redact.ts";
import { checkSecrets } from "./checks.ts";
import { listFiles, scanFiles } from "./probe.ts";

const tmp = await dir({ unsafeCleanup: true, prefix: "secret-scan-test-" });
afterAll(() => tmp.cleanup());

describe("secret scan over written files (planted secrets, real files)", () => {
  it("catches a planted secret in a nested log and a JSON report, and passes clean files", async () => {
    const socket = "planted-socket-token-3c9f1e7a55";
    const redactor = createRedactor([{ name: "socket-token", value: socket }, { name: "gateway-token", value: "planted-gateway-token-88aa" }]);
    await mkdir(join(tmp.path, "run", "logs"), { recursive: true });
    await writeFile(join(tmp.path, "run", "logs", "gateway.log"), `line one\nconnect token=${socket} ok\n`);
    await writeFile(join(tmp.path, "run", "report.json"), JSON.stringify({ auth: { gatewayToken: "planted-gateway-token-88aa" } }));
    await writeFile(join(tmp.path, "run", "clean.log"), "nothing secret here\n");
    const files = await listFiles(tmp.path);
    expect(files.sort()).toEqual(["run/clean.log", "run/logs/gateway.log", "run/report.json"]);
    const check = checkSecrets(await scanFiles(tmp.path, files, (t) => redactor.findIn(t)), files.length);
    expect(check.pass).toBe(false);
    expect(check.offenders.sort()).toEqual(["run/logs/gateway.log: socket-token", "run/report.json: gateway-token"]);
    expect(check.offenders.join("\n")).not.toContain(socket);
  });
});
