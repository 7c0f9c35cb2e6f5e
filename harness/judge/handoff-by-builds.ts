/**
 * A handoff across builds (the upgrade group): what a step's client does, and what its gateway decides, follow from
 * what each build is. Judged as one expectation (`handoff`), so that a proof compares the same row on both ends:
 * - a client whose build keeps approvals in the state database, on a home that holds an exec-approvals.json (a
 *   JSON-era gateway's store not yet imported, or a file written by hand), stops at the build's migration gate before
 *   it connects (ExecApprovalsMigrationRequiredError, observed with 2026.9.6 on a home 2026.6.5 serves, and after a
 *   hand edit on 2026.9.6);
 * - else, with both builds deriving the runtime token from the socket token (#87105), the resolve succeeds;
 * - else the client sends what its build makes (the derivation, or 32 random bytes of its own process) and the
 *   gateway refuses it as any connect without runtime authority (observed on 2026.6.5, both ways round).
 * Pure.
 */
import type { ExpectationResult, StepBuilds } from "../evidence/types.ts";
import type { Expectation } from "../plan/scenario-types.ts";

/** The build's own gate on a legacy exec-approvals.json (target/legacy-approvals.ts GATE_TEXT, and the error's name). */
const MIGRATION_GATE = "ExecApprovalsMigrationRequiredError|Legacy exec approvals exist";

/** What a handoff between these builds must show, as the scenario vocabulary's own expectations. */
export function handoffExpectations(builds: StepBuilds | undefined): Expectation[] {
  const client = builds?.client ?? null;
  const gateway = builds?.gateway ?? null;
  // The home holds exec-approvals.json: a JSON-era gateway's live store, or a file written by hand on a database-era
  // home. Where the step did not say, a JSON-era gateway means the file is there.
  const homeFile = builds?.homeFile ?? gateway?.approvalsStore === "file";
  if (client?.approvalsStore === "database" && homeFile) {
    return [
      { id: "resolve", expect: "refused", by: "client-before-connect" },
      { id: "runtime-log", expect: { pattern: MIGRATION_GATE, meaning: "the client's build stops at its migration gate: the home's exec-approvals.json is not imported yet" } },
      { id: "still-pending", expect: true },
      { id: "requester-decision", expect: "never-allow" },
    ];
  }
  const both = (client?.derivesToken ?? false) && (gateway?.derivesToken ?? false);
  return [
    { id: "runtime-token", expect: client?.derivesToken ? "derived" : "not-derived" },
    both ? { id: "resolve", expect: "succeeded" } : { id: "resolve", expect: "refused", by: "no-runtime-authority" },
    { id: "still-pending", expect: !both },
    { id: "requester-decision", expect: both ? "allow-once" : "never-allow" },
  ];
}

/** A step's expectations with each `handoff` replaced by what it stands for on these builds, and where each came from. */
export function concreteExpectations(expectations: readonly Expectation[], builds: StepBuilds | undefined): Array<{ e: Expectation; handoff: boolean }> {
  return expectations.flatMap((e): Array<{ e: Expectation; handoff: boolean }> => (e.id === "handoff" ? handoffExpectations(builds).map((x) => ({ e: x, handoff: true })) : [{ e, handoff: false }]));
}

/** The judged results, with those a handoff stood for folded back into one `handoff` result (the first one's place). */
export function foldHandoff(results: readonly ExpectationResult[], fromHandoff: readonly boolean[], builds: StepBuilds | undefined): ExpectationResult[] {
  const parts = results.filter((_, i) => fromHandoff[i]);
  if (!parts.length) return [...results];
  const folded: ExpectationResult = {
    id: "handoff",
    description: `a handoff across builds (${builds ? buildsLine(builds) : "builds unknown"})`,
    expected: parts.map((p) => `${p.id}: ${p.expected}`).join("; "),
    observed: parts.map((p) => `${p.id}: ${p.observed}`).join("; "),
    pass: parts.every((p) => p.pass),
  };
  const first = fromHandoff.indexOf(true);
  return results.flatMap((r, i) => (i === first ? [folded] : fromHandoff[i] ? [] : [r]));
}

/** One line for the report: which build ran what in a step. Pure. */
export function buildsLine(builds: StepBuilds): string {
  const side = (what: string, b: StepBuilds["gateway"]): string => (b ? `${what} ${b.version} (${b.role}; ${b.derivesToken ? "derives the token" : "derives no token"}; approvals in ${b.approvalsStore === "file" ? "exec-approvals.json" : "the state database"})` : `${what} none`);
  return `${side("gateway", builds.gateway)}; ${side("client", builds.client)}${builds.homeFile ? "; exec-approvals.json in the home" : ""}`;
}
