import type { KnownFindingRecord, RuntimeOutcome } from "../evidence/types.ts";
import type { KnownFinding } from "../plan/scenario-types.ts";

/**
 * The scenario's declared OpenClaw defect, when this run showed it: the runtime process failed with the error the
 * finding names. Another failure is no evidence of it (the scenario then fails for what it observed instead). Pure.
 */
export function observedKnownFinding(def: KnownFinding | undefined, runtime: RuntimeOutcome | null): KnownFindingRecord | null {
  if (!def || runtime?.ok !== false || runtime.errorMessage === null) return null;
  const line = runtime.errorMessage.split("\n").find((l) => new RegExp(def.failsWith).test(l));
  if (line === undefined) return null;
  return { title: def.title, reproduce: def.reproduce, source: [...def.source], observed: line.trim() };
}

/** The finding as one line of a scenario's findings (terminal, matrix cells). Pure. */
export function knownFindingLine(f: KnownFindingRecord): string {
  return `OpenClaw finding: ${f.title}. Observed: ${f.observed}. Reproduce: ${f.reproduce}`;
}
