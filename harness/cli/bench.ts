import { detectLegacyApprovalsImport } from "../target/legacy-approvals.ts";
import { UsageError } from "../errors.ts";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { cliRun, gatewayReadyFloor, runtimeFloors } from "../bench/measure.ts";
import { judgeBench, renderBench, spread, strengthCheck, type BenchFigures } from "../bench/figures.ts";
import { renderProfile, summarizeProfile, type Profile, type ProfileData } from "../bench/profile.ts";
import type { Progress } from "../ui/progress.ts";
import { loadCatalog } from "../plan/catalog.ts";
import { DEFAULT_PROOF_BASE, selectScenarios } from "../plan/plan.ts";
import { gatewayStartsByReason, indivisibleUnits } from "../bench/units.ts";
import type { Report } from "../evidence/types.ts";
import { compileCacheDir, defaultCacheDir, resolveTarget } from "../target/resolve.ts";
import type { Session } from "./session.ts";
import { cpus, tmpdir } from "node:os";
import { removeEmptyCreated, sharedPlaces, snapshot } from "../hygiene/snapshot.ts";

function childEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(VITEST|TEST$|NODE_ENV$)/.test(k)) env[k] = v;
  return { ...env, CI: "true" };
}

/** `pnpm bench`: the floor OpenClaw sets, the harness's full runs, their ratios, and the cost. */
export async function runBench(session: Session): Promise<number> {
  const { opts, progress } = session;
  const runs = opts.runs;
  const reportDir = resolve(opts.reportDir, "bench");
  await mkdir(reportDir, { recursive: true });
  const cacheDir = defaultCacheDir(process.env);
  const head = await resolveTarget(opts.head ?? "default", { cacheDir, nodeVersion: process.versions.node });
  const baseSpec = opts.base ?? DEFAULT_PROOF_BASE;
  await resolveTarget(baseSpec, { cacheDir, nodeVersion: process.versions.node, onProgress: (l) => progress.info(l) });
  const cached: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await resolveTarget(baseSpec, { cacheDir, nodeVersion: process.versions.node });
    cached.push(performance.now() - t0);
  }
  const legacyApprovals = await detectLegacyApprovalsImport(head.path);
  // The floors start bare gateways and runtime processes: a build that needs doctor first has no comparable floor.
  if (legacyApprovals.via === "doctor") throw new UsageError(`openclaw at ${head.path} takes in exec-approvals.json only through doctor --fix, so bench has no floor for it`, "Bench a build whose gateway imports it at start (2026.9.6 or later) or one before the SQLite store");
  const target = { nodePath: process.execPath, openclawDir: head.path, compileCacheDir: compileCacheDir(cacheDir), legacyApprovals };
  const catalog = await loadCatalog();
  const core = catalog.filter((s) => s.group === "core");
  // The floors run gateways outside the CLI: leave the shared places as found, like a run does.
  const places = sharedPlaces(typeof process.getuid === "function" ? process.getuid() : 0, tmpdir());
  const before = await snapshot(places);
  let gatewayReady: Awaited<ReturnType<typeof gatewayReadyFloor>>;
  let floors: Awaited<ReturnType<typeof runtimeFloors>>;
  try {
    gatewayReady = await gatewayReadyFloor(target, runs, reportDir, progress);
    floors = await runtimeFloors(target, core, runs, reportDir, progress);
  } finally {
    await removeEmptyCreated(before, places);
  }
  const env = childEnv();
  const headArgs = opts.head ? ["--openclaw", opts.head] : [];
  const full = { smoke: { wall: [] as number[], cpu: [] as number[] }, smokeHead: { wall: [] as number[], cpu: [] as number[] }, smokeBase: { wall: [] as number[], cpu: [] as number[] }, proof: { wall: [] as number[], cpu: [] as number[] }, proofStrength: { wall: [] as number[], cpu: [] as number[] } };
  const harnessRss: number[] = [];
  const gatewayRss: number[] = [];
  let lastProof: Report | null = null;
  const runFull = async (label: keyof typeof full, args: string[], times = runs): Promise<void> => {
    for (let i = 0; i < times; i++) {
      const st = progress.step(`full: ${label} (${i + 1}/${times})`);
      const r = await cliRun(args, reportDir, env);
      full[label].wall.push(r.wallMs);
      full[label].cpu.push(r.cpuMs);
      harnessRss.push(r.report.resources.harnessPeakRssBytes);
      for (const t of r.report.targets) for (const g of t.gateways) if (g.peakRssBytes) gatewayRss.push(g.peakRssBytes);
      if (label === "proof") lastProof = r.report;
      st.done(`${(r.wallMs / 1000).toFixed(1)} s, ${(r.cpuMs / 1000).toFixed(1)} CPU-s, ${r.report.status}`);
    }
  };
  await runFull("smoke", ["smoke", ...headArgs]);
  // As users run it: the default proof. The two singles it is divided by run the same scenario set (like for like).
  const proofSet = selectScenarios(catalog, [], "proof").map((sc) => sc.id);
  const proofScenarioArgs = proofSet.flatMap((id) => ["--scenario", id]);
  await runFull("smokeHead", ["smoke", ...headArgs, ...proofScenarioArgs]);
  await runFull("smokeBase", ["smoke", "--openclaw", baseSpec, ...proofScenarioArgs]);
  const proofHeadArgs = opts.head ? ["--head", opts.head] : [];
  const proofArgs = ["proof", "--base", baseSpec, ...proofHeadArgs];
  await runFull("proof", proofArgs);
  await runFull("proofStrength", [...proofArgs, "--strength"], 1);
  const proofReport = lastProof as Report | null;
  if (!proofReport) throw new Error("bench ran no proof");
  const units = indivisibleUnits(proofReport);
  const both = (x: { wall: number[]; cpu: number[] }) => ({ wall: spread(x.wall), cpu: spread(x.cpu) });
  const figures: BenchFigures = {
    cores: cpus().length,
    floor: {
      gatewayReady: spread(gatewayReady.ours.readyMs),
      gatewayReadyCpu: spread(gatewayReady.ours.cpuMs),
      bareGatewayReady: spread(gatewayReady.minimal.readyMs),
      bareGatewayReadyCpu: spread(gatewayReady.minimal.cpuMs),
      runtimeProcess: spread(floors.runtimeProcess),
      singleScenario: Object.fromEntries(Object.entries(floors.singleScenario).map(([k, v]) => [k, spread(v)])),
    },
    full: { smoke: both(full.smoke), smokeHead: both(full.smokeHead), smokeBase: both(full.smokeBase), proof: both(full.proof), proofStrength: both(full.proofStrength) },
    schedule: { longest: units[0] ?? { name: "none", ms: 0 }, starts: gatewayStartsByReason(proofReport) },
    cost: { cachedProvision: spread(cached), harnessPeakRssBytes: Math.max(0, ...harnessRss), gatewayPeakRssBytes: gatewayRss },
  };
  const verdict = judgeBench(figures);
  const profiles = opts.profile ? [await profiledRun("smoke", ["smoke", ...headArgs], reportDir, env, progress), await profiledRun("proof", proofArgs, reportDir, env, progress)] : [];
  if (opts.profile) {
    // The strength run once, as `smoke --strength` runs it: every mutant, every catcher, the baselines of those the
    // core smoke leaves out; its own wall (report.strength.wallMs) against one single-target smoke's.
    const st = progress.step("profile: smoke --strength");
    const r = await cliRun(["smoke", ...headArgs, "--strength"], reportDir, env);
    const strength = r.report.strength;
    if (!strength) throw new Error(`smoke --strength wrote no strength section (exit ${r.exitCode ?? "none"}, status ${r.report.status})`);
    st.done(`${(strength.wallMs / 1000).toFixed(1)} s for ${strength.mutants.length} mutants, strength ${strength.score.killed + strength.score.timeout}/${strength.score.killed + strength.score.timeout + strength.score.survived}`);
    verdict.checks.push(strengthCheck(strength.wallMs, strength.mutants.length, figures.full.smoke.wall));
  }
  const text = [renderBench(figures, verdict), ...profiles.map(renderProfile)].join("\n\n");
  process.stdout.write(`\n${text}\n`);
  const out = join(reportDir, "bench.json");
  await writeFile(out, `${JSON.stringify({ machine: { cpus: cpus().length, node: process.version }, runs, figures, verdict, profiles }, null, 2)}\n`);
  process.stdout.write(`figures: ${out}\n`);
  return verdict.checks.every((c) => c.pass) ? 0 : 1;
}

/** One full run through the CLI with --profile-out: its phases summed and laid on its wall clock. */
async function profiledRun(label: string, args: string[], reportDir: string, env: Record<string, string>, progress: Progress): Promise<Profile> {
  const st = progress.step(`profile: ${label}`);
  const file = join(reportDir, `profile-${label}.json`);
  const r = await cliRun([...args, "--profile-out", file], reportDir, env);
  const data = JSON.parse(await readFile(file, "utf8")) as ProfileData;
  st.done(`${(r.wallMs / 1000).toFixed(1)} s, ${r.report.status}`);
  // The CLI's own clock starts at its process start; the wall seen from here adds spawning it.
  return summarizeProfile(`${label} (${r.report.status}, ${(r.cpuMs / 1000).toFixed(1)} CPU-s in all)`, data.phases, Math.max(r.wallMs, data.wallMs), data.cpu);
}
