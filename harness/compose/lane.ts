import { chown, mkdir, readFile, realpath } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GatewayRecord, ScenarioResult } from "../evidence/types.ts";
import type { ScenarioDefinition } from "../plan/scenario-types.ts";
import { outermostNodeModules } from "../isolation/argv.ts";
import { RUNTIME_CHILD } from "../clients/runtime-process.ts";
import { NO_LOCKS } from "../hygiene/locks.ts";
import type { GroupRunOptions, Lane } from "../run/lane.ts";
import { unrun } from "../run/scenario.ts";
import { HARNESS } from "../version.ts";
import { detectDocker, removeLabelled } from "./docker.ts";
import { composeLeftovers } from "./leftovers.ts";
import { formatOwner, selfOwner } from "../hygiene/owner.ts";
import { completePackageLifecycle, ensureImage } from "./image.ts";
import type { ProjectInput } from "./project.ts";
import { runTopology, type LaneBuild, type LaneContext } from "./topology-run.ts";
import { roleBuild } from "../run/context.ts";
import { buildUse } from "../run/lifecycle-builds.ts";
import { readOfficialLayout } from "./official-layout.ts";

const TAP_ENTRY = fileURLToPath(new URL("./tap-entry.ts", import.meta.url));
const HARNESS_DIR = fileURLToPath(new URL("../", import.meta.url));
const REPO_NODE_MODULES = fileURLToPath(new URL("../../node_modules", import.meta.url));
const SYSTEM_DIRS = ["/usr", "/lib", "/lib64"];

/** The Compose lane: the compose sandbox profile's groups, with its labelled Docker objects as its leftovers. */
export const composeLane: Lane = {
  name: "compose",
  profiles: ["compose"],
  run: async (o) => ({ ...(await runComposeGroup(o)), locks: NO_LOCKS }),
  leftovers: composeLeftovers,
};

/**
 * The Compose lane: a sibling of the process executor (run/group.ts). Each scenario is one topology, run under Docker
 * Compose one after another; without a reachable Docker daemon or Compose, each is skipped with the reason and the
 * command that would enable it. Its observations are the same kind as the process executor's.
 */
async function runComposeGroup(o: GroupRunOptions): Promise<{ gateways: GatewayRecord[]; scenarios: ScenarioResult[]; aborted: string | null }> {
  const runId = basename(o.reportFolder);
  const step = o.progress.step(`${o.label}: Docker Compose lane`);
  const docker = await detectDocker();
  if (!docker.ok) {
    const why = `${docker.reason}; to run it: ${docker.enable}`;
    step.skip(why);
    return { gateways: [], scenarios: o.group.scenarios.map((s) => unrun(s, "skipped", why, setupOf(s))), aborted: null };
  }
  o.trackLeftovers(runId);
  const version = await targetVersion(o.target.openclawDir);
  const targetDir = await realpath(o.target.openclawDir);
  await completePackageLifecycle(o.target.nodePath, targetDir);
  const image = await ensureImage({ version, identity: targetDir }, HARNESS.version, runId);
  step.done(`${docker.tools.compose.label}, engine ${docker.tools.engineVersion}; image ${image.tag} ${image.cached ? "(cached)" : `built in ${((image.buildMs ?? 0) / 1000).toFixed(1)}s`}`);
  const samePath = [...new Set([outermostNodeModules(targetDir), await realpath(REPO_NODE_MODULES), await realpath(HARNESS_DIR)])];
  const params: ProjectInput["params"] = {
    image: image.tag,
    owner: formatOwner(selfOwner()),
    subnet: "",
    mounts: { nodeBinary: await realpath(o.target.nodePath), targetDir, samePath, system: SYSTEM_DIRS },
    runtimeChild: RUNTIME_CHILD,
    tapEntry: TAP_ENTRY,
    compileCache: await containerCompileCache(o.compileCacheDir),
    layout: await readOfficialLayout(targetDir),
  };
  // A release bump starts its project on the base build (its image, its package, the layout its docs state) and
  // moves the tag to this one: both builds are prepared, both packages bound in every container.
  const bumping = o.group.scenarios.some((s) => s.client.kind === "compose-sidecar" && s.client.bump !== undefined);
  const bump = bumping ? await bumpBuilds(o, runId, { image, targetDir, version, layout: params.layout }) : null;
  if (bump) o.progress.info(`${o.label}: Compose bump from openclaw ${bump.base.version}: image ${bump.base.image.tag} ${bump.base.image.cached ? "(cached)" : `built in ${((bump.base.image.buildMs ?? 0) / 1000).toFixed(1)}s`}`);
  if (bump) params.mounts.samePath = [...new Set([...samePath, outermostNodeModules(bump.base.targetDir)])];
  const ctx: LaneContext = { o, runId, tools: docker.tools, image, version, params, bump };
  const gateways: GatewayRecord[] = [];
  const scenarios: ScenarioResult[] = [];
  let aborted: string | null = null;
  try {
    for (const s of o.group.scenarios) {
      if (o.signal.aborted) {
        scenarios.push(unrun(s, "skipped", `not started: ${String(o.signal.reason)}`, setupOf(s)));
        continue;
      }
      if (s.client.kind !== "compose-sidecar") throw new Error(`${s.id}: only Compose scenarios belong to the compose sandbox`);
      const st = o.progress.step(`${o.label}: ${s.id}`);
      const r = await runTopology(s, s.client, ctx);
      gateways.push(...r.gateways);
      scenarios.push(r.result);
      (r.result.status === "failed" ? st.fail : r.result.status === "passed" ? st.done : st.skip)(r.result.deciding);
      aborted ??= r.aborted;
    }
  } finally {
    await removeLabelled(runId);
  }
  return { gateways, scenarios, aborted };
}

/** The two builds of a Compose bump: the base prepared as the target is (package lifecycle, image), each with its use. */
async function bumpBuilds(o: GroupRunOptions, runId: string, head: Omit<LaneBuild, "use">): Promise<{ base: LaneBuild; head: LaneBuild }> {
  const base = roleBuild(o.target, "base");
  const baseDir = await realpath(base.openclawDir);
  await completePackageLifecycle(o.target.nodePath, baseDir);
  const image = await ensureImage({ version: base.version, identity: baseDir }, HARNESS.version, runId);
  return {
    base: { image, targetDir: baseDir, version: base.version, layout: await readOfficialLayout(baseDir), use: buildUse(base) },
    head: { ...head, use: buildUse(roleBuild(o.target, "head")) },
  };
}

function setupOf(s: ScenarioDefinition): ScenarioResult["setup"] {
  const t = s.client.kind === "compose-sidecar" ? s.client.topology : "?";
  return { client: "compose-sidecar", description: `Compose topology ${t}`, config: null, env: {}, gatewayUrlArg: null, sandboxProfile: s.sandbox, doors: [] };
}

/** The compile cache folder the gateway containers share across runs (uid 1000 writes it), or null without a cache. */
async function containerCompileCache(hostCache: string | null): Promise<string | null> {
  if (!hostCache) return null;
  const dir = join(hostCache, "compose-uid1000");
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chown(dir, 1000, 1000);
    return dir;
  } catch {
    return null;
  }
}

async function targetVersion(dir: string): Promise<string> {
  const pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as { version?: string };
  return pkg.version ?? basename(dirname(dir));
}
