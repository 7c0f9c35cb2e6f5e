import type { PairClass } from "../evidence/types.ts";

/** Declared base → head effect per scenario and expectation id ("*" = every expectation not named). */
export interface DeclaredChanges {
  fix: string;
  /** What problem the fix solves, in authored prose: the PR body's "What Problem This Solves". */
  problem: string;
  base: { expectedToShowBug: string[] };
  expectations: Record<string, Record<string, Exclude<PairClass, "INCOMPLETE">>>;
}
