/**
 * Judging a lifecycle scenario step by step (plan/lifecycle-types.ts): a resolve step's expectations are judged by the
 * scenario judge on that step's own observations; a gateway or store step's facts on what was read before and after
 * it. The scenario's expectations are all of them, each id prefixed with its step. Pure.
 */
import type { DoorRoute, ExpectationResult, Observations, Refusal, SocketTokenStore, StepBuilds, StepFacts, StepRecord } from "../evidence/types.ts";
import { buildsLine, concreteExpectations, foldHandoff } from "./handoff-by-builds.ts";
import type { LifecycleStep, StepFact } from "../plan/scenario-types.ts";
import { judge } from "./evaluate.ts";

export function stepId(index: number, id: string): string {
  return `step${index}:${id}`;
}

function storeText(s: SocketTokenStore | null): string {
  if (!s) return "not read";
  if (s.unreadable.length) return `unreadable (${s.unreadable.join("; ")})`;
  const where = s.locations?.length ? ` in ${s.locations.join(" and ")}${s.fileMode ? ` (file mode ${s.fileMode})` : ""}` : "";
  return s.tokenFingerprints.length ? `socket token ${s.tokenFingerprints.join(", ")}${where}` : "no socket token";
}

function readable(s: SocketTokenStore | null): s is SocketTokenStore {
  return s !== null && s.unreadable.length === 0 && s.tokenFingerprints.length > 0;
}

export function judgeFact(index: number, fact: StepFact, f: StepFacts | null): ExpectationResult {
  if (fact.id === "socket-token") {
    const before = f?.socketTokenBefore ?? null;
    const after = f?.socketTokenAfter ?? null;
    const both = readable(before) && readable(after);
    const same = both && before.tokenFingerprints.join() === after.tokenFingerprints.join();
    const disjoint = both && !after.tokenFingerprints.some((t) => before.tokenFingerprints.includes(t));
    return {
      id: stepId(index, fact.id),
      description: "the socket token in the store (exec-approvals.json or the state database), before and after the step",
      expected: fact.expect === "kept" ? "the same token after as before" : "a new token after, none of the ones before",
      observed: `before: ${storeText(before)}; after: ${storeText(after)}`,
      pass: fact.expect === "kept" ? same : disjoint,
    };
  }
  if (fact.id === "socket-token-location") {
    const after = f?.socketTokenAfter ?? null;
    const where = readable(after) ? (after.locations ?? []) : [];
    return {
      id: stepId(index, fact.id),
      description: "where the socket token lives after the step (exec-approvals.json, the state database)",
      expected: `only in ${fact.expect === "file" ? "exec-approvals.json" : "the state database"}`,
      observed: `after: ${storeText(after)}`,
      pass: where.length === 1 && where[0] === fact.expect,
    };
  }
  const before = f?.gatewayPidBefore ?? null;
  const after = f?.gatewayPidAfter ?? null;
  const known = before !== null && after !== null;
  return {
    id: stepId(index, fact.id),
    description: "the gateway's PID before and after the step (a hello-ok from the new one proves it is up)",
    expected: fact.expect === "same" ? "the same PID" : "a new PID",
    observed: `before: ${before ?? "none"}; after: ${after ?? "none"}`,
    pass: known && (fact.expect === "same" ? before === after : before !== after),
  };
}

/** One step judged on what it recorded: a resolve step's expectations on its observations, any other step's facts. */
export function judgeStep(step: LifecycleStep, index: number, rec: { observations: Observations | null; facts: StepFacts | null; builds?: StepBuilds }, doors: readonly DoorRoute[]): { expectations: ExpectationResult[]; refusals: Refusal[]; deciding: string } {
  if (step.do === "resolve") {
    if (!rec.observations) return { expectations: step.expectations.map((e) => ({ id: stepId(index, e.id), description: "the step's observations", expected: "observed", observed: "the step recorded no observations", pass: false })), refusals: [], deciding: "no observations" };
    // A handoff across builds is judged on what these builds do (judge/handoff-by-builds.ts), as one result.
    const wanted = concreteExpectations(step.expectations, rec.builds);
    const j = judge(wanted.map((w) => w.e), rec.observations, { doors });
    const results = foldHandoff(j.expectations, wanted.map((w) => w.handoff), rec.builds);
    const on = rec.builds && step.expectations.some((e) => e.id === "handoff") ? ` [${buildsLine(rec.builds)}]` : "";
    return { expectations: results.map((e) => ({ ...e, id: stepId(index, e.id) })), refusals: j.refusals, deciding: `${j.deciding}${on}` };
  }
  const f = rec.facts;
  const token = (x: SocketTokenStore | null): string => `${x?.tokenFingerprints.join(",") || "none"}${x?.locations?.length ? ` (${x.locations.join("+")})` : ""}`;
  const on = step.do === "upgrade-gateway" && rec.builds?.gateway ? `; now ${rec.builds.gateway.version} (${rec.builds.gateway.role})` : "";
  const deciding = f ? `gateway pid ${f.gatewayPidBefore ?? "none"} → ${f.gatewayPidAfter ?? "none"}${on}; socket token ${token(f.socketTokenBefore)} → ${token(f.socketTokenAfter)}` : "no facts recorded";
  return { expectations: "facts" in step ? step.facts.map((x) => judgeFact(index, x, f)) : [], refusals: [], deciding };
}

/**
 * The long-lived runtime: every held-runtime resolve after the first must have been served by the same process (the
 * PID its outcome reported), or the claim "one process across the restarts" was not observed. Pure.
 */
export function heldRuntimeExpectations(steps: readonly Pick<StepRecord, "index" | "by" | "observations">[]): Map<number, ExpectationResult> {
  const held = steps.filter((s) => s.by === "held-runtime");
  const first = held[0];
  const out = new Map<number, ExpectationResult>();
  for (const s of held.slice(1)) {
    const pid = s.observations?.runtime?.pid ?? null;
    const want = first?.observations?.runtime?.pid ?? null;
    out.set(s.index, {
      id: stepId(s.index, "runtime-process"),
      description: "the approval-runtime process that served this resolve",
      expected: `the same process as step ${first?.index ?? "?"} (pid ${want ?? "unknown"})`,
      observed: pid === null ? "no process reported its pid" : `pid ${pid}`,
      pass: pid !== null && pid === want,
    });
  }
  return out;
}

/** The scenario's expectation results: every step's, in order, prefixed. */
export function scenarioExpectations(steps: readonly StepRecord[]): ExpectationResult[] {
  return steps.flatMap((s) => s.expectations);
}

/** The one line that decides a lifecycle scenario: its first failing step, else its last resolve. Pure. */
export function lifecycleDeciding(steps: readonly StepRecord[]): string {
  const failing = steps.find((s) => s.error !== null || s.expectations.some((e) => !e.pass));
  if (failing) {
    const e = failing.expectations.find((x) => !x.pass);
    const what = failing.error ?? (e ? `${e.id.replace(/^step\d+:/, "")}: ${e.observed}` : "failed");
    return `step ${failing.index} (${failing.do}${failing.by ? ` by ${failing.by}` : ""}): ${what}`;
  }
  const last = [...steps].reverse().find((s) => s.do === "resolve");
  return `${steps.length} steps held${last ? `; last resolve: ${last.deciding}` : ""}`;
}
