import { describe, expect, it } from "vitest";
import { parseChildExtras, parseRuntimeOutcome, reportedPid, tokenDerivation } from "./runtime-outcome.ts";

const end = (stdout: string) => ({ pid: 7, exitCode: 0, signal: null, timedOut: false, wallMs: 12, stdout, logTail: "" });
const line = (o: unknown) => JSON.stringify({ smokeRuntimeOutcome: o });

describe("the runtime child's outcome line", () => {
  it("reads outcome and extras from the last outcome line among log lines", () => {
    const stdout = [
      "[gateway] some log line",
      "{not json",
      line({ ok: false, error: { name: "GatewayClientRequestError", message: "unknown or expired approval id", code: "INVALID_REQUEST", reason: "APPROVAL_NOT_FOUND" }, isolation: { ns: { mnt: "mnt:[1]", bad: 3 }, uid: 64123, gid: 64123, hostname: "smoke-runtime", markerWritten: true }, filesTouched: ["/.openclaw", 5], tokenDerivations: ["a1b2c3d4e5f6", 7], cpuMs: 812 }),
      "",
    ].join("\n");
    expect(parseRuntimeOutcome(end(stdout), (s) => s)).toMatchObject({ ok: false, errorCode: "INVALID_REQUEST", errorReason: "APPROVAL_NOT_FOUND", exitCode: 0 });
    expect(parseChildExtras(stdout)).toEqual({
      isolation: { ns: { mnt: "mnt:[1]" }, uid: 64123, gid: 64123, hostname: "smoke-runtime", markerWritten: true },
      filesTouched: ["/.openclaw"],
      tokenDerivations: ["a1b2c3d4e5f6"],
      cpuMs: 812,
    });
  });

  it("the client's token choice: derived when a traced derivation has this home's fingerprint", () => {
    expect(tokenDerivation(["000000000000", "a1b2c3d4e5f6"], "a1b2c3d4e5f6")).toEqual({ count: 2, equalsDerived: true });
    expect(tokenDerivation(["000000000000"], "a1b2c3d4e5f6")).toEqual({ count: 1, equalsDerived: false });
    expect(tokenDerivation([], "a1b2c3d4e5f6")).toEqual({ count: 0, equalsDerived: false });
    expect(tokenDerivation(null, "a1b2c3d4e5f6")).toBeUndefined();
  });

  it("a child that printed no outcome line has ok = null and no extras", () => {
    expect(parseRuntimeOutcome(end("Error: boom\n"), (s) => s).ok).toBeNull();
    expect(parseChildExtras("Error: boom\n")).toEqual({ isolation: null, filesTouched: null, tokenDerivations: null, cpuMs: null });
  });
});

describe("reportedPid", () => {
  it("is the PID the answering process wrote in its outcome line, and null without an answer", () => {
    expect(reportedPid('noise\n{"smokeRuntimeOutcome":{"ok":true,"pid":4242}}')).toBe(4242);
    expect(reportedPid("")).toBeNull();
    expect(reportedPid('{"smokeRuntimeOutcome":{"ok":false,"pid":"x"}}')).toBeNull();
  });
});
