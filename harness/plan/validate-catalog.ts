import { UsageError } from "../errors.ts";
import type { DeclaredChanges } from "./changes-types.ts";
import { needsNetworkNamespace } from "./client-setup.ts";
import { stepProblems } from "./lifecycle-types.ts";
import type { ScenarioDefinition } from "./scenario-types.ts";

/** Expectation ids the judge adds itself, which changes.ts may name too. */
const JUDGE_ADDED = ["positive-control"];

/**
 * The catalog and changes.ts checked against each other at load time, so a typo exits 2 instead of silently falling
 * back to a default class. Pure; throws UsageError naming every problem.
 */
export function validateCatalog(catalog: readonly ScenarioDefinition[], changes: DeclaredChanges): void {
  const problems: string[] = [];
  const byId = new Map(catalog.map((s) => [s.id, s]));
  for (const id of changes.base.expectedToShowBug) if (!byId.has(id)) problems.push(`changes.ts base.expectedToShowBug names unknown scenario '${id}'`);
  for (const [id, perExpectation] of Object.entries(changes.expectations)) {
    const s = byId.get(id);
    if (!s) {
      problems.push(`changes.ts names unknown scenario '${id}'`);
      continue;
    }
    const known = new Set([...expectationIds(s), ...JUDGE_ADDED, "*"]);
    for (const e of Object.keys(perExpectation)) if (!known.has(e)) problems.push(`changes.ts: scenario '${id}' has no expectation '${e}' (it has ${[...known].filter((k) => k !== "*").join(", ")})`);
    // Failing on every build is a finding for OpenClaw, not a verdict: the report must carry how to reproduce it.
    if (Object.values(perExpectation).includes("FAIL_TO_FAIL") && !s.knownFinding?.reproduce.trim()) {
      problems.push(`changes.ts declares '${id}' FAIL_TO_FAIL, but the scenario has no knownFinding with a reproduction command`);
    }
  }
  for (const s of catalog) {
    if (s.clientBuild !== undefined) problems.push(`scenario '${s.id}': clientBuild is set by a strength plan, not by a scenario file`);
    const lifecycle = s.sandbox === "lifecycle";
    if (lifecycle !== (s.steps !== undefined)) problems.push(`scenario '${s.id}': steps belong to the lifecycle sandbox, and the lifecycle sandbox needs steps`);
    if (s.gatewayBeforeSteps && !s.steps) problems.push(`scenario '${s.id}': gatewayBeforeSteps belongs to a lifecycle scenario`);
    if ((s.firstGateway !== undefined || s.acrossStorageMigration !== undefined) && !s.steps) problems.push(`scenario '${s.id}': firstGateway and acrossStorageMigration belong to a lifecycle scenario`);
    const bump = s.client.kind === "compose-sidecar" && s.client.bump !== undefined;
    if (s.expectations.some((e) => e.id === "handoff") && !bump) problems.push(`scenario '${s.id}': the handoff expectation judges a resolve across builds (a lifecycle step, a Compose bump); state the scenario's own expectations`);
    // An upgrade scenario spans two builds; any other scenario runs on the build under test only.
    if ((s.group === "upgrade") !== usesBothBuilds(s)) problems.push(`scenario '${s.id}': the upgrade group holds the scenarios that use the base build (firstGateway, upgrade-gateway, a resolve's build), and only those`);
    if (s.steps) {
      for (const p of stepProblems(s.steps, s.gatewayBeforeSteps, s.firstGateway)) problems.push(`scenario '${s.id}': ${p}`);
      if (s.expectations.length) problems.push(`scenario '${s.id}': a lifecycle scenario's expectations are its steps' own; leave expectations empty`);
      if (s.client.kind !== "openclaw-runtime" || s.client.isolation || s.client.network) problems.push(`scenario '${s.id}': a lifecycle scenario's client is a plain OpenClaw runtime process`);
    }
    if (s.control !== undefined) {
      const c = byId.get(s.control);
      if (!c) problems.push(`scenario '${s.id}' names unknown positive control '${s.control}'`);
      else if (c.sandbox !== s.sandbox) problems.push(`scenario '${s.id}': its control '${c.id}' must use the same sandbox profile (${s.sandbox}) to run on the same gateway`);
      else if (c.control !== undefined) problems.push(`scenario '${s.id}': its control '${c.id}' has a control of its own`);
    }
    if (needsNetworkNamespace(s.client) && s.sandbox !== "lan-bind") {
      problems.push(`scenario '${s.id}' reaches the gateway from a network namespace: it needs the lan-bind sandbox`);
    }
    if (s.client.kind === "openclaw-runtime" && s.client.isolation?.otherUser && s.client.isolation.shareHome === false && s.sandbox !== "owner-only") {
      problems.push(`scenario '${s.id}' must not find its home shared by another scenario: it needs the owner-only sandbox`);
    }
    if (s.client.kind === "wire-probe") {
      // The harness chose what its own probe sends: judging it would only echo the harness.
      const echo = s.expectations.filter((e) => e.id === "runtime-token" || e.id === "device-identity" || e.id === "url-source");
      if (echo.length) problems.push(`wire probe '${s.id}' may not expect ${echo.map((e) => e.id).join(", ")}: that only echoes what the harness sent`);
    }
  }
  if (problems.length) throw new UsageError(problems.join("; "), "Fix the scenario id or expectation id in scenarios/changes.ts or the scenario file");
}

/** Whether a scenario names the base build anywhere: its first gateway, an upgrade, a step's runtime, a Compose bump. Pure. */
export function usesBothBuilds(s: ScenarioDefinition): boolean {
  if (s.client.kind === "compose-sidecar" && s.client.bump !== undefined) return true;
  return s.firstGateway === "base" || (s.steps ?? []).some((x) => x.do === "upgrade-gateway" || (x.do === "resolve" && x.build === "base"));
}

/** The expectation ids a scenario can be judged on: its own, or a lifecycle scenario's per step (step<n>:<id>). Pure. */
export function expectationIds(s: ScenarioDefinition): string[] {
  if (!s.steps) return s.expectations.map((e) => e.id);
  const firstHeld = s.steps.findIndex((step) => step.do === "resolve" && step.by === "held-runtime");
  return s.steps.flatMap((step, i) => {
    if (step.do !== "resolve") return "facts" in step ? step.facts.map((f) => `step${i + 1}:${f.id}`) : [];
    const own = step.expectations.map((e) => `step${i + 1}:${e.id}`);
    // judge/steps.ts heldRuntimeExpectations: a later held-runtime resolve must be served by the same process.
    return step.by === "held-runtime" && i > firstHeld ? [...own, `step${i + 1}:runtime-process`] : own;
  });
}

/** Scenarios a proof of the fix cannot do without: every one that changes.ts declares FAIL_TO_PASS anywhere. Pure. */
export function requiredForProof(changes: DeclaredChanges): string[] {
  const ids = new Set(changes.base.expectedToShowBug);
  for (const [id, per] of Object.entries(changes.expectations)) if (Object.values(per).includes("FAIL_TO_PASS")) ids.add(id);
  return [...ids];
}

/**
 * The declared changes a run is judged on: a scenario of an opt-in tier the run did not select (the upgrade group,
 * without proof --upgrade) is neither required of it nor counted against it. Pure.
 */
export function changesForRun(changes: DeclaredChanges, notSelected: ReadonlyArray<{ id: string; group: string }>): DeclaredChanges {
  const skipped = new Set(notSelected.filter((s) => s.group === "upgrade").map((s) => s.id));
  if (!skipped.size) return changes;
  return {
    ...changes,
    base: { expectedToShowBug: changes.base.expectedToShowBug.filter((id) => !skipped.has(id)) },
    expectations: Object.fromEntries(Object.entries(changes.expectations).filter(([id]) => !skipped.has(id))),
  };
}
