import { describe, expect, it } from "vitest";
import { restartSignalIn } from "./restart-signal.ts";

describe("the in-place restart signal of a build's run loop", () => {
  it("reads SIGUSR2 (2026.9.x), SIGUSR1 (2026.6.x), or none", () => {
    expect(restartSignalIn('\tprocess.on("SIGINT", onSigint);\n\tprocess.on("SIGUSR2", onRestartSignal);')).toEqual({ signal: "SIGUSR2", handler: "onRestartSignal" });
    expect(restartSignalIn('\tprocess.on("SIGUSR1", onSigusr1);')).toEqual({ signal: "SIGUSR1", handler: "onSigusr1" });
    expect(restartSignalIn('\tprocess.on("SIGTERM", onSigterm);\nprocess.removeListener("SIGUSR2", onRestartSignal);')).toBeNull();
  });
});
