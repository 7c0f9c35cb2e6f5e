/**
 * The import rules of harness/ and scenarios/ (dependency-cruiser, checked by harness/imports.test.ts in pnpm test):
 * no import circle between files, the executing core (run/) knows no lane but its own process lane, and nothing
 * below the strength run (run/, judge/) knows about mutants.
 * TypeScript 7 has no compiler API, so the sources are parsed with swc; type-only imports count as imports.
 */
module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "an import circle between files: move the shared type down to the folder that owns it", from: {}, to: { circular: true } },
    { name: "run-knows-no-lane", severity: "error", comment: "run/ defines the lane seam (run/lane.ts); lanes plug in through cli/lanes.ts", from: { path: "^harness/run/" }, to: { path: "^harness/compose/" } },
    { name: "run-knows-no-mutant", severity: "error", comment: "a strength run sits above run/ (harness/strength/); run/ and judge/ know client builds, not mutants", from: { path: "^harness/(run|judge)/" }, to: { path: "^harness/strength/|^scenarios/mutants/|^harness/plan/mutant-" } },
  ],
  options: {
    parser: "swc",
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
  },
};
