import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../plan/catalog.ts";
import type { RuntimeOutcome } from "../evidence/types.ts";
import type { KnownFinding } from "../plan/scenario-types.ts";
import { knownFindingLine, observedKnownFinding } from "./known-finding.ts";

const DEF: KnownFinding = { title: "it refuses", failsWith: "remote mode misconfigured", reproduce: "node -e x", source: ["a.ts:1"] };

function runtime(ok: boolean | null, errorMessage: string | null): RuntimeOutcome {
  return { pid: 1, exitCode: 0, signal: null, timedOut: false, wallMs: 5, ok, errorName: null, errorMessage, errorCode: null, errorReason: null, returned: null, logTail: "" };
}

describe("observedKnownFinding", () => {
  it("records the finding when the runtime failed with the error it names", () => {
    const f = observedKnownFinding(DEF, runtime(false, "gateway remote mode misconfigured: gateway.remote.url missing\nConfig: x"));
    expect(f).toEqual({ title: "it refuses", reproduce: "node -e x", source: ["a.ts:1"], observed: "gateway remote mode misconfigured: gateway.remote.url missing" });
    expect(f && knownFindingLine(f)).toContain("Reproduce: node -e x");
  });
  it("records nothing for another failure, a success, or no runtime", () => {
    expect(observedKnownFinding(DEF, runtime(false, "connect ECONNREFUSED 127.0.0.1:1"))).toBeNull();
    expect(observedKnownFinding(DEF, runtime(true, null))).toBeNull();
    expect(observedKnownFinding(DEF, null)).toBeNull();
    expect(observedKnownFinding(undefined, runtime(false, "remote mode misconfigured"))).toBeNull();
  });
});

describe("agent-tool-fallback-local's finding on a recorded 2026.9.6 run", () => {
  it("is recorded from the runtime's real error", async () => {
    const rec = JSON.parse(readFileSync(new URL("../../fixtures/observations/2026.9.6-agent-tool-fallback-local.json", import.meta.url), "utf8")) as { observations: { runtime: RuntimeOutcome } };
    const def = (await loadCatalog()).find((s) => s.id === "agent-tool-fallback-local")?.knownFinding;
    expect(observedKnownFinding(def, rec.observations.runtime)?.observed).toBe("gateway remote mode misconfigured: gateway.remote.url missing");
  });
});
