import { describe, expect, it } from "vitest";
import type { ScenarioResult } from "../evidence/types.ts";
import { loadCatalog } from "../plan/catalog.ts";
import { applyPositiveControls } from "./controls.ts";

const catalog = await loadCatalog();

/** A small hand-made fake result: only id, status and expectations matter here. */
function fakeResult(id: string, pass: boolean): ScenarioResult {
  return {
    id,
    claim: "",
    status: pass ? "passed" : "failed",
    skipReason: null,
    setup: { client: "wire-probe", description: "", config: null, env: {}, gatewayUrlArg: null, sandboxProfile: "shared-socket-token", doors: [] },
    observations: { wire: [], runtime: null, control: null, requester: null, stateIdentity: null, isolation: null, socketTokenStore: null, compose: null },
    expectations: [{ id: "resolve", description: "", expected: "", observed: "", pass }],
    refusals: [],
    deciding: pass ? "ok" : "refused",
    durationMs: 1,
    findings: [],
  };
}

describe("positive controls (issue 15 §2)", () => {
  it("a probe counts only if its control passed on the same gateway", () => {
    const ok = applyPositiveControls([fakeResult("wrong-client-shape", true), fakeResult("derived-token-probe", true)], catalog);
    expect(ok[0]).toMatchObject({ status: "passed" });
    expect(ok[0]!.expectations.at(-1)).toMatchObject({ id: "positive-control", pass: true });
    const broken = applyPositiveControls([fakeResult("wrong-client-shape", true), fakeResult("derived-token-probe", false)], catalog);
    expect(broken[0]).toMatchObject({ status: "failed" });
    expect(broken[0]!.expectations.at(-1)?.observed).toContain("derived-token-probe failed");
    const alone = applyPositiveControls([fakeResult("wrong-client-shape", true)], catalog);
    expect(alone[0]).toMatchObject({ status: "failed" });
    expect(alone[0]!.expectations.at(-1)?.observed).toContain("did not run on this gateway");
  });
});
