import { describe, expect, it } from "vitest";
import type { BuildUse, ExpectationResult, StepBuilds } from "../evidence/types.ts";
import { concreteExpectations, foldHandoff, handoffExpectations } from "./handoff-by-builds.ts";

const build = (version: string, derivesToken: boolean, approvalsStore: BuildUse["approvalsStore"], role: BuildUse["role"] = "head"): BuildUse => ({ role, version, derivesToken, approvalsStore });
const OLD = build("2026.6.5", false, "file", "base");
const FIXED_JSON = build("2026.6.6", true, "file");
const NEW = build("2026.9.6", true, "database");
const on = (gateway: BuildUse, client: BuildUse | null): StepBuilds => ({ gateway, client });

describe("a handoff across builds stands for what the two builds decide", () => {
  it("both derive the token: the resolve succeeds and the requester gets allow-once", () => {
    expect(handoffExpectations(on(NEW, NEW))).toEqual([
      { id: "runtime-token", expect: "derived" },
      { id: "resolve", expect: "succeeded" },
      { id: "still-pending", expect: false },
      { id: "requester-decision", expect: "allow-once" },
    ]);
    expect(handoffExpectations(on(FIXED_JSON, FIXED_JSON)).map((e) => e.id === "resolve" && e.expect)).toContain("succeeded");
  });

  it("either side without the fix: the client sends what its build makes, refused for want of runtime authority", () => {
    expect(handoffExpectations(on(NEW, OLD))).toEqual([
      { id: "runtime-token", expect: "not-derived" },
      { id: "resolve", expect: "refused", by: "no-runtime-authority" },
      { id: "still-pending", expect: true },
      { id: "requester-decision", expect: "never-allow" },
    ]);
    expect(handoffExpectations(on(OLD, FIXED_JSON))[0]).toEqual({ id: "runtime-token", expect: "derived" });
    expect(handoffExpectations(on(OLD, FIXED_JSON))[1]).toEqual({ id: "resolve", expect: "refused", by: "no-runtime-authority" });
  });

  it("a database-era client on a home a JSON-era gateway serves stops at its migration gate before connecting", () => {
    const gate = handoffExpectations(on(OLD, NEW));
    expect(gate[0]).toEqual({ id: "resolve", expect: "refused", by: "client-before-connect" });
    expect(gate[1]).toMatchObject({ id: "runtime-log", expect: { pattern: expect.stringContaining("ExecApprovalsMigrationRequiredError") } });
  });

  it("unknown builds expect no handoff (a client that is unknown derives nothing)", () => {
    expect(handoffExpectations(undefined)[1]).toEqual({ id: "resolve", expect: "refused", by: "no-runtime-authority" });
  });

  it("is judged as one result in the place of the first part, passing only when every part passes; others stay", () => {
    const wanted = concreteExpectations([{ id: "device-identity", expect: "absent" }, { id: "handoff", expect: "as-the-builds-derive" }], on(NEW, NEW));
    expect(wanted.map((w) => w.handoff)).toEqual([false, true, true, true, true]);
    const r = (id: string, pass: boolean): ExpectationResult => ({ id, description: "", expected: "x", observed: "y", pass });
    const results = [r("device-identity", true), r("runtime-token", true), r("resolve", false), r("still-pending", true), r("requester-decision", true)];
    const folded = foldHandoff(results, wanted.map((w) => w.handoff), on(NEW, NEW));
    expect(folded.map((x) => [x.id, x.pass])).toEqual([["device-identity", true], ["handoff", false]]);
    expect(folded[1]?.description).toContain("gateway 2026.9.6");
    expect(foldHandoff(results.map((x) => ({ ...x, pass: true })), wanted.map((w) => w.handoff), on(NEW, NEW))[1]?.pass).toBe(true);
  });
});
