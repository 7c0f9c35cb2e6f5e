/**
 * A mutant: a broken variant of the fix under test (openclaw/openclaw#87105), applied to a copy of the head build to
 * measure whether the proof would notice it (`pnpm proof --strength`). Declared as data in scenarios/mutants/, one
 * file each; harness/strength/ locates, applies and judges it.
 */

/** Where a mutant applies: a short pattern that must occur exactly once among the build's files in scope. */
export interface MutantLocator {
  /**
   * The files searched, a regular expression on the path under the package's dist/ ("/" separated). Default
   * TOP_LEVEL_CHUNKS: the chunks directly in dist/, the module graph that openclaw.mjs and the plugin SDK load. The
   * folders below dist/ (worker/, native-hook-relay/, …) are self-contained bundles with copies of the same code.
   */
  files?: string;
  /** The text that locates the line, literally (tabs and newlines as the bundler wrote them). */
  find: string;
  /** What the mutant puts in its place. */
  replace: string;
}

export const TOP_LEVEL_CHUNKS = "^[^/]+\\.m?js$";

/** The key under which a catcher runs on the unmutated head (its baseline); no mutant may take it. */
export const UNMUTATED = "unmutated";

export interface MutantDefinition {
  id: string;
  /** One sentence: which claim of #87105 this variant reverts. */
  reverts: string;
  /**
   * Which processes load the mutated code. runtime: only the approval-runtime processes (the client, the agent tool),
   * so the mutant's scenarios may share one unmutated head gateway with other runtime mutants. gateway: the gateway
   * decides differently, so the mutant build gets a gateway of its own (its runtime processes load it too).
   */
  loadedBy: "runtime" | "gateway";
  /** Tried in order: the first that matches exactly once applies. Several where releases lay out the code differently. */
  locators: MutantLocator[];
  /**
   * The scenarios that must catch it, each with the expectations the mutant is meant to break there. Killed when one
   * of these scenarios fails; an expectation named here that never fails is a finding about the proof itself.
   */
  catchers: Record<string, string[]>;
}
