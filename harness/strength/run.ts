/**
 * Doing: a strength run (`--strength`). The mutant catalog is located in the tested build, each applicable mutant
 * becomes a hard-linked copy with its one file rewritten, its catchers run as instances against the unmutated head
 * gateway (runtime mutants, sharing it) or a gateway of the mutant build (gateway mutants), and the copies are
 * removed, after the run and by the exit cleanup on an interrupt (they are tracked like a sandbox, and carry an owner
 * marker for the reaper after a SIGKILL). Judging is strength/judge.ts.
 */
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HygieneCheck, MutantRecord, ScenarioResult, StrengthReport, TargetInfo, TargetRun } from "../evidence/types.ts";
import { ownedTempDir, RUN_TEMP_PREFIX } from "../hygiene/owner.ts";
import { UNMUTATED, type MutantDefinition } from "../plan/mutant-types.ts";
import type { ScenarioDefinition } from "../plan/scenario-types.ts";
import type { RunExtension, RunExtensionContext } from "../run/run.ts";
import { linkBuild, readDistChunks, removeBuilds, writeMutatedFile } from "./build.ts";
import { judgeMutant, strengthScore, unfailedExpectations } from "./judge.ts";
import { inScope, locate, mutate, type Located } from "./locate.ts";
import { instanceId, planStrength } from "./plan.ts";

export interface StrengthOptions {
  mutants: readonly MutantDefinition[];
  catalog: readonly ScenarioDefinition[];
  breakAt: number | null;
  /**
   * Whether every catcher the catalog names may run (the run's scenarios were not chosen with --scenario): those the
   * run itself left out run under their mutants and once on the unmutated head as their baseline.
   */
  everyCatcher: boolean;
}

export function strengthExtension(o: StrengthOptions): RunExtension {
  return { run: (ctx) => runStrength(o, ctx) };
}

/** The build the mutants apply to, and its run: the proof's head, or the smoke's one target. */
function testedBuild(ctx: RunExtensionContext): { head: TargetInfo; run: TargetRun } {
  const t = ctx.targets.find((x) => x.role === "head") ?? ctx.targets.find((x) => x.role === "single") ?? ctx.targets[0];
  if (!t) throw new Error("a strength run needs a target");
  return { head: t.target, run: t.run };
}

async function runStrength(o: StrengthOptions, ctx: RunExtensionContext): Promise<{ report: { strength: StrengthReport }; hygiene: HygieneCheck[] }> {
  const started = performance.now();
  const { head, run: headRun } = testedBuild(ctx);
  const step = ctx.progress.step(`strength: locate ${o.mutants.length} mutants in openclaw ${head.version}`);
  // Only a file that holds some locator's text can count for it: the others are read, counted and let go.
  const finds = o.mutants.flatMap((m) => m.locators.map((l) => l.find));
  let searched = 0;
  const files = await readDistChunks(head.path, (p) => o.mutants.some((m) => m.locators.some((l) => inScope(p, l))), (bytes) => ((searched += 1), finds.some((f) => bytes.includes(f))));
  const located = new Map<string, Located>(o.mutants.map((m) => [m.id, locate(files, m)]));
  const applicable = new Set([...located].filter(([, l]) => l.status === "applies").map(([id]) => id));
  step.done(`${applicable.size} of ${o.mutants.length} apply exactly once (${searched} files searched)`);
  const ran = new Set(ctx.plan.scenarioIds);
  const catchers = o.mutants.flatMap((m) => Object.keys(m.catchers));
  const selected = new Set([...ran, ...(o.everyCatcher ? catchers : [])]);
  const plan = planStrength(o.mutants, applicable, selected, o.catalog, new Set(catchers.filter((id) => !ran.has(id))));
  const root = await ownedTempDir(tmpdir(), RUN_TEMP_PREFIX);
  ctx.trackSandbox(root);
  const builds: Record<string, string> = {};
  const stats = { made: 0, files: 0, copied: 0 };
  const results = new Map<string, ScenarioResult>();
  const gateways: StrengthReport["gateways"] = [];
  try {
    for (const id of plan.built) {
      if (ctx.signal.aborted) break;
      const l = located.get(id);
      const m = o.mutants.find((x) => x.id === id);
      if (l?.status !== "applies" || !m) continue;
      const b = ctx.progress.step(`mutant ${id}: build`);
      const made = await linkBuild(head.path, join(root, id));
      const file = files.find((f) => f.path === l.file);
      if (!file) throw new Error(`mutant ${id}: ${l.file} was located but not read`);
      await writeMutatedFile(made.dir, l.file, mutate(file.text, l.offset, m.locators[l.locator] as MutantDefinition["locators"][number]));
      builds[id] = made.dir;
      stats.made++;
      stats.files += made.stats.files;
      stats.copied += made.stats.copied;
      b.done(`locator ${l.locator + 1} in dist/${l.file}; ${made.stats.files} files linked${made.stats.copied ? `, ${made.stats.copied} copied` : ""}`);
    }
    const toRun = ctx.signal.aborted ? [] : plan.runs.flatMap((r) => {
      const dir = r.gateway.kind === "head" ? head.path : builds[r.gateway.mutant];
      if (dir === undefined) return [];
      const runPlan = { ...ctx.plan, groups: r.groups, scenarioIds: r.scenarioIds, addedControls: [], notSelected: [] };
      return [{ label: r.label, target: { ...head, path: dir }, plan: runPlan, clientBuilds: builds, compileCacheDir: join(root, "compile-cache") }];
    });
    for (const r of await ctx.runBuilds(toRun)) {
      gateways.push(...r.run.gateways);
      for (const s of r.run.scenarios) results.set(s.id, s);
    }
  } finally {
    await removeBuilds(root).catch(() => undefined);
  }
  const removed = !existsSync(root);
  const baseline = (id: string): ScenarioResult | undefined => (ran.has(id) ? headRun.scenarios.find((s) => s.id === id) : results.get(instanceId(id, UNMUTATED)));
  const mutants: MutantRecord[] = o.mutants.map((m) => judgeMutant(m, located.get(m.id) as Located, results, selected, baseline));
  // The live line per mutant once its verdict is in (its build and each of its scenarios had their own lines).
  for (const m of mutants) ctx.progress.info(`mutant ${m.id}: ${m.status === "killed" || m.status === "survived" ? m.reason : `${m.status}: ${m.reason}`}`);
  const score = strengthScore(mutants);
  const strength: StrengthReport = {
    target: { spec: head.spec, version: head.version },
    mutants,
    score,
    break: o.breakAt,
    unfailed: unfailedExpectations(mutants),
    gateways,
    builds: { ...stats, removed },
    wallMs: Math.round(performance.now() - started),
  };
  const hygiene: HygieneCheck = {
    id: "builds",
    pass: removed,
    detail: removed ? `${stats.made} mutant build(s) made and removed` : `the mutant builds in ${root} are still there`,
    offenders: removed ? [] : [root],
  };
  return { report: { strength }, hygiene: [hygiene] };
}
