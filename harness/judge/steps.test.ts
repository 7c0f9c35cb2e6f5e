import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { DoorRoute, Observations, SocketTokenStore, StepBuilds, StepFacts, StepRecord } from "../evidence/types.ts";
import { changes } from "../../scenarios/changes.ts";
import { loadCatalog } from "../plan/catalog.ts";
import type { ScenarioDefinition } from "../plan/scenario-types.ts";
import { heldRuntimeExpectations, judgeFact, judgeStep, lifecycleDeciding } from "./steps.ts";

const store = (...fps: string[]): SocketTokenStore => ({ execApprovalsFile: false, tokenFingerprints: fps, derivedFingerprints: [], unreadable: [] });
const facts = (o: Partial<StepFacts>): StepFacts => ({ gatewayPidBefore: 100, gatewayPidAfter: 200, socketTokenBefore: store("aa"), socketTokenAfter: store("aa"), ...o });

describe("judging a lifecycle step's facts, both ways", () => {
  it("socket token kept or changed, and never judged from a store that was not read", () => {
    expect(judgeFact(2, { id: "socket-token", expect: "kept" }, facts({})).pass).toBe(true);
    expect(judgeFact(2, { id: "socket-token", expect: "kept" }, facts({ socketTokenAfter: store("bb") })).pass).toBe(false);
    expect(judgeFact(2, { id: "socket-token", expect: "changed" }, facts({ socketTokenAfter: store("bb") }))).toMatchObject({ id: "step2:socket-token", pass: true });
    expect(judgeFact(2, { id: "socket-token", expect: "changed" }, facts({ socketTokenAfter: store("aa", "bb") })).pass).toBe(false);
    expect(judgeFact(2, { id: "socket-token", expect: "changed" }, facts({ socketTokenAfter: { ...store(), unreadable: ["state database: locked"] } })).pass).toBe(false);
    expect(judgeFact(2, { id: "socket-token", expect: "kept" }, facts({ socketTokenBefore: store(), socketTokenAfter: store() })).pass).toBe(false);
    expect(judgeFact(2, { id: "socket-token", expect: "kept" }, null).pass).toBe(false);
  });

  it("where the socket token lives after a step: only there, and never from a store that was not read", () => {
    const at = (...locations: Array<"file" | "database">): SocketTokenStore => ({ ...store("aa"), locations });
    expect(judgeFact(2, { id: "socket-token-location", expect: "database" }, facts({ socketTokenAfter: at("database") })).pass).toBe(true);
    expect(judgeFact(2, { id: "socket-token-location", expect: "database" }, facts({ socketTokenAfter: at("file") })).pass).toBe(false);
    expect(judgeFact(2, { id: "socket-token-location", expect: "database" }, facts({ socketTokenAfter: at("file", "database") })).pass).toBe(false);
    expect(judgeFact(2, { id: "socket-token-location", expect: "file" }, facts({ socketTokenAfter: { ...at("file"), unreadable: ["exec-approvals.json: bad JSON"] } })).pass).toBe(false);
  });

  it("gateway PID same or new, and a missing one fails either way", () => {
    expect(judgeFact(3, { id: "gateway-pid", expect: "new" }, facts({})).pass).toBe(true);
    expect(judgeFact(3, { id: "gateway-pid", expect: "same" }, facts({})).pass).toBe(false);
    expect(judgeFact(3, { id: "gateway-pid", expect: "same" }, facts({ gatewayPidAfter: 100 })).pass).toBe(true);
    expect(judgeFact(3, { id: "gateway-pid", expect: "new" }, facts({ gatewayPidAfter: null })).pass).toBe(false);
  });

  it("the deciding line names the first failing step", () => {
    const step = (index: number, pass: boolean, error: string | null = null): StepRecord => ({ index, do: "resolve", by: "runtime", durationMs: 1, observations: null, facts: null, expectations: [{ id: `step${index}:resolve`, description: "", expected: "x", observed: pass ? "ok" : "APPROVAL_NOT_FOUND", pass }], refusals: [], deciding: pass ? "resolved" : "refused", error });
    expect(lifecycleDeciding([step(1, true), step(2, false)])).toBe("step 2 (resolve by runtime): resolve: APPROVAL_NOT_FOUND");
    expect(lifecycleDeciding([step(1, true), step(2, true)])).toBe("2 steps held; last resolve: resolved");
    expect(lifecycleDeciding([step(1, true, "gateway did not start")])).toBe("step 1 (resolve by runtime): gateway did not start");
  });
});

describe("judging recorded lifecycle steps (fixtures/observations), both ways", () => {
  interface StepRecording {
    scenario: string;
    setup: { doors: DoorRoute[] };
    steps: Array<{ observations: Observations | null; facts: StepFacts | null }>;
  }
  const recording = (name: string): StepRecording => JSON.parse(readFileSync(new URL(`../../fixtures/observations/${name}.json`, import.meta.url), "utf8")) as StepRecording;
  const judged = (s: ScenarioDefinition, version: string) => {
    const rec = recording(`${version}-${s.id}`);
    expect(rec.steps).toHaveLength(s.steps?.length ?? -1);
    return (s.steps ?? []).flatMap((step, i) => judgeStep(step, i + 1, rec.steps[i]!, rec.setup.doors).expectations);
  };

  it("a hand-edited exec-approvals.json on 2026.9.6 is a legacy file: the next sidecar stops at the migration gate, and one that went through would fail the step", async () => {
    const s = (await loadCatalog()).find((x) => x.id === "lifecycle-socket-token-rotation")!;
    const rec = recording("2026.9.6-lifecycle-socket-token-rotation") as StepRecording & { steps: Array<{ builds?: StepBuilds }> };
    expect(rec.steps[6]?.builds).toMatchObject({ homeFile: true, client: { approvalsStore: "database" } });
    expect(rec.steps[5]?.facts?.socketTokenAfter).toMatchObject({ locations: ["file", "database"], fileMode: "644" });
    const gate = judgeStep(s.steps![6]!, 7, rec.steps[6]!, rec.setup.doors);
    expect(gate.expectations).toMatchObject([{ id: "step7:handoff", pass: true }]);
    expect(gate.expectations[0]?.observed).toContain("ExecApprovalsMigrationRequiredError");
    // The fresh process's resolve before it (it went through) judged as this step: a hand edit that let a sidecar through would fail.
    expect(judgeStep(s.steps![6]!, 7, { ...rec.steps[4]!, builds: rec.steps[6]!.builds }, rec.setup.doors).expectations[0]?.pass).toBe(false);
  });

  for (const id of ["lifecycle-gateway-restart", "lifecycle-gateway-restart-in-place", "lifecycle-long-lived-runtime", "lifecycle-socket-token-rotation", "lifecycle-start-order"]) {
    it(`${id}: every step holds on 2026.9.6, and 2026.6.5 fails each handoff step on its token`, async () => {
      const s = (await loadCatalog()).find((x) => x.id === id)!;
      const head = judged(s, "2026.9.6");
      expect(head.filter((e) => !e.pass).map((e) => `${e.id}: ${e.observed}`)).toEqual([]);
      const base = judged(s, "2026.6.5");
      const failed = base.filter((e) => !e.pass).map((e) => e.id);
      const handoffs = (s.steps ?? []).flatMap((step, i) => (step.do === "resolve" && step.by !== "held-token" && step.expectations.some((e) => e.id === "resolve" && e.expect === "succeeded") ? [i + 1] : []));
      for (const n of handoffs) expect(failed, id).toEqual(expect.arrayContaining([`step${n}:runtime-token`, `step${n}:resolve`, `step${n}:requester-decision`]));
      expect(failed.every((f) => handoffs.some((n) => f.startsWith(`step${n}:`))), failed.join()).toBe(true);
    });
  }

  it("the rotation's held token is refused by the named check, and a held token that still worked would fail the step", async () => {
    const s = (await loadCatalog()).find((x) => x.id === "lifecycle-socket-token-rotation")!;
    const rec = recording("2026.9.6-lifecycle-socket-token-rotation");
    const held = judgeStep(s.steps![2]!, 3, rec.steps[2]!, rec.setup.doors);
    expect(held.refusals.map((r) => r.refusedBy)).toContain("no-runtime-authority");
    expect(held.expectations.every((e) => e.pass)).toBe(true);
    // The same step judged on the resolve that succeeded (step 4): the old token accepted would be a finding.
    const accepted = judgeStep(s.steps![2]!, 3, rec.steps[3]!, rec.setup.doors);
    expect(accepted.expectations.find((e) => e.id === "step3:resolve")?.pass).toBe(false);
  });
});

describe("judging recorded upgrade steps (fixtures/observations: base 2026.6.5, head 2026.9.6 or 2026.6.5), both ways", () => {
  interface UpgradeRecording {
    setup: { doors: DoorRoute[] };
    steps: Array<{ observations: Observations | null; facts: StepFacts | null; builds?: StepBuilds }>;
  }
  const recording = (name: string): UpgradeRecording => JSON.parse(readFileSync(new URL(`../../fixtures/observations/${name}.json`, import.meta.url), "utf8")) as UpgradeRecording;
  const judged = (s: ScenarioDefinition, pair: string) => {
    const rec = recording(`${pair}-${s.id}`);
    expect(rec.steps).toHaveLength(s.steps?.length ?? -1);
    const steps = (s.steps ?? []).map((step, i) => judgeStep(step, i + 1, rec.steps[i]!, rec.setup.doors).expectations);
    return [...steps.flat(), ...heldRuntimeExpectations((s.steps ?? []).map((step, i) => ({ index: i + 1, by: step.do === "resolve" ? step.by : null, observations: rec.steps[i]!.observations }))).values()];
  };

  for (const id of ["upgrade-live-home", "upgrade-skew-gateway-first", "upgrade-skew-sidecar-first", "upgrade-storage-migration"]) {
    it(`${id}: every step holds across the bump to 2026.9.6; a bump to 2026.6.5 fails exactly what changes.ts declares FAIL_TO_PASS`, async () => {
      const s = (await loadCatalog()).find((x) => x.id === id)!;
      const head = judged(s, "2026.6.5-to-2026.9.6");
      expect(head.filter((e) => !e.pass).map((e) => `${e.id}: ${e.observed}`)).toEqual([]);
      if (s.acrossStorageMigration) return; // no storage migration lies between 2026.6.5 and itself: not applicable there
      const declared = changes.expectations[id] ?? {};
      const failed = judged(s, "2026.6.5-to-2026.6.5").filter((e) => !e.pass).map((e) => e.id);
      const fixes = head.map((e) => e.id).filter((e) => (declared[e] ?? declared["*"]) === "FAIL_TO_PASS");
      expect(fixes.length).toBeGreaterThan(0);
      expect(failed.sort()).toEqual(fixes.sort());
    });
  }

  it("the sidecar bumped first meets a home its gateway has not migrated: stopped at its own gate, and a handoff that went through there would fail the step", async () => {
    const s = (await loadCatalog()).find((x) => x.id === "upgrade-skew-sidecar-first")!;
    const rec = recording("2026.6.5-to-2026.9.6-upgrade-skew-sidecar-first");
    const first = judgeStep(s.steps![0]!, 1, rec.steps[0]!, rec.setup.doors);
    expect(first.expectations).toMatchObject([{ id: "step1:handoff", pass: true }]);
    expect(first.expectations[0]?.observed).toContain("ExecApprovalsMigrationRequiredError");
    // The same step's observations from after the bump (a resolve that went through): judged on the first step's builds, it fails.
    const through = judgeStep(s.steps![0]!, 1, { ...rec.steps[2]!, builds: rec.steps[0]!.builds }, rec.setup.doors);
    expect(through.expectations[0]?.pass).toBe(false);
  });
});

describe("the long-lived runtime's steps are one process, both ways", () => {
  it("a later held-runtime resolve served by the same PID holds, by another PID or none it fails", () => {
    const rec = JSON.parse(readFileSync(new URL("../../fixtures/observations/2026.9.6-lifecycle-long-lived-runtime.json", import.meta.url), "utf8")) as { steps: Array<{ do: StepRecord["do"]; by: StepRecord["by"]; observations: Observations | null }> };
    const steps = rec.steps.map((s, i) => ({ index: i + 1, by: s.by, observations: s.observations }));
    expect([...heldRuntimeExpectations(steps).values()].map((e) => [e.id, e.pass])).toEqual([["step3:runtime-process", true]]);
    const other = steps.map((s) => (s.index === 3 && s.observations?.runtime ? { ...s, observations: { ...s.observations, runtime: { ...s.observations.runtime, pid: (s.observations.runtime.pid ?? 0) + 1 } } } : s));
    expect(heldRuntimeExpectations(other).get(3)?.pass).toBe(false);
    const none = steps.map((s) => (s.index === 3 ? { ...s, observations: null } : s));
    expect(heldRuntimeExpectations(none).get(3)).toMatchObject({ pass: false, observed: "no process reported its pid" });
  });
});
