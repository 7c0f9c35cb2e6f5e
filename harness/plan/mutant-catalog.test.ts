import { describe, expect, it } from "vitest";
import { loadCatalog } from "./catalog.ts";
import { loadMutants, mutantProblems } from "./mutant-catalog.ts";
import type { MutantDefinition } from "./mutant-types.ts";

describe("the mutant catalog", async () => {
  const catalog = await loadCatalog();
  const mutants = await loadMutants();

  it("covers the claims the issue names and checks against the scenarios", () => {
    expect(mutants.map((m) => m.id)).toEqual(expect.arrayContaining([
      "token-on-every-url", "token-never-sent", "fallback-local-as-remote", "device-beside-token", "no-device-on-remote",
      "derive-other-label", "any-runtime-token-accepted", "locality-ignored", "agent-token-any-target", "agent-token-dropped-local",
    ]));
    expect(mutantProblems(mutants, catalog)).toEqual([]);
  });

  it("names every problem of a bad entry", () => {
    const bad: MutantDefinition = {
      id: "Bad id",
      reverts: " ",
      loadedBy: "runtime",
      locators: [{ find: "", replace: "" }, { find: "x", replace: "y", files: "(" }],
      catchers: { "no-such-scenario": ["resolve"], "local-token-handoff": ["no-such-expectation"], "lifecycle-start-order": ["step1:resolve"], "fallback-local": [] },
    };
    const problems = mutantProblems([bad, { ...bad, id: "twice" }, { ...bad, id: "twice" }], catalog).join("\n");
    for (const p of [
      "its id must be lower-case",
      "say which claim it reverts",
      "locator 1: an empty pattern locates nothing",
      "locator 1: the replacement changes nothing",
      "locator 2: files '(' is not a regular expression",
      "names unknown scenario 'no-such-scenario'",
      "scenario 'local-token-handoff' has no expectation 'no-such-expectation'",
      "scenario 'lifecycle-start-order' runs in the lifecycle lane",
      "name the expectations of 'fallback-local'",
      "mutant 'twice' is declared twice",
    ]) expect(problems).toContain(p);
  });
});
