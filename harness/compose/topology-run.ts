import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BuildUse, ComposeAttempt, ComposeEvidence, ComposeLayoutEvidence, GatewayRecord, Observations, ProcessExit, RequesterObservation, RuntimeOutcome, ScenarioResult } from "../evidence/types.ts";
import { readSocketTokenStore } from "../clients/socket-token-store.ts";
import { buildsLine, concreteExpectations, foldHandoff } from "../judge/handoff-by-builds.ts";
import { StepError } from "../errors.ts";
import { createRequesterApproval, type Requester } from "../clients/requester.ts";
import { checkAndSettle } from "../clients/control.ts";
import { readStateIdentity } from "../clients/state-identity.ts";
import { parseRuntimeOutcome } from "../clients/runtime-outcome.ts";
import { waitReady } from "../gateway/gateway.ts";
import { judge, scenarioStatus } from "../judge/evaluate.ts";
import { runtimeInvocation, URL_SOURCE } from "../plan/client-setup.ts";
import type { ComposeClientSpec, ScenarioDefinition } from "../plan/scenario-types.ts";
import { emptyObservations, interruptedBy, waitFor } from "../run/scenario.ts";
import type { GatewayConnection } from "../wire/client.ts";
import { containerState, createProject, gatewayContainer, reviewerCompose, type ComposeProject } from "./project.ts";
import { CLIENT_PORT, SERVICE_URL_ENV, serviceNames, serviceUrl, type ServiceNames } from "./topology.ts";
import { startRelay, type Relay } from "./relay.ts";
import { subnetsInUse, type DockerTools } from "./docker.ts";
import { pickSubnet } from "./subnet.ts";
import type { ProjectInput } from "./project.ts";
import type { GroupRunOptions } from "../run/lane.ts";
import type { ComposeImage } from "../evidence/types.ts";

/** What one topology run needs from the lane: tools, image, mounts, the run's id, where the report goes. */
export interface LaneContext {
  o: GroupRunOptions;
  runId: string;
  tools: DockerTools;
  image: ComposeImage;
  version: string;
  params: ProjectInput["params"];
  /** The two builds of a Compose bump (the run's base and this target), where a scenario bumps; else null. */
  bump: { base: LaneBuild; head: LaneBuild } | null;
}

/** One build as the lane runs it in a container: its image, its package, the layout its docs state, what it is. */
export interface LaneBuild {
  image: ComposeImage;
  targetDir: string;
  version: string;
  layout: ComposeLayoutEvidence;
  use: BuildUse;
}

/** A gateway container gets at least this long to answer hello-ok (container start on top of the gateway's own). */
const CONTAINER_READY_MS = 180_000;

/** Subnets this process has handed out and not yet released (two topologies of one run never share one). */
const reserved = new Set<string>();

async function reserveSubnet(): Promise<string> {
  const subnet = pickSubnet([...(await subnetsInUse()), ...reserved]);
  if (!subnet) throw new StepError("compose network", "no free link-local /24 in 169.254.0.0/16", { next: "remove unused Docker networks (`docker network prune`)" });
  reserved.add(subnet);
  return subnet;
}

/** The gateway and tap up (`compose up -d`), then the gateway's hello-ok through the tap's relay, watching its container. */
async function bringUp(project: ComposeProject, names: ServiceNames, t: ComposeClientSpec["topology"], relayUrl: () => Promise<string>, lane: LaneContext, step: string, recreate = false): Promise<{ control: GatewayConnection; upMs: number; readyMs: number; attempts: number; restarts: number }> {
  const { o } = lane;
  const upAt = Date.now();
  // A bump recreates the services even where the tag did not move (a proof's base run bumps the base to itself), so
  // that every bump is the same event: new containers on the same state, the tap's record starting afresh.
  await project.composeMust(step, ["up", "-d", "--no-color", ...(recreate ? ["--force-recreate"] : []), names.gateway, names.tap], 180_000, "read the Compose output; `docker info` shows whether the daemon can run containers");
  const upMs = Date.now() - upAt;
  const url = await relayUrl();
  let exit: ProcessExit | null = null;
  const gatewayId = await gatewayContainer(project, t);
  // One `docker inspect` at a time, every 2 s (Compose itself is a slow Python start on a loaded host).
  const polling = new AbortController();
  void (async () => {
    while (!polling.signal.aborted) {
      const st = await containerState(gatewayId);
      // A gateway Docker restarts (status "restarting") is still starting; only one that stays down has exited.
      if (st && (st.status === "exited" || st.status === "dead")) exit = { code: st.exitCode, signal: null, by: "self" };
      await new Promise((r) => setTimeout(r, 2000));
    }
  })();
  try {
    const ready = await waitReady(url, { gatewayToken: project.secrets.gatewayToken, readyTimeoutMs: Math.max(o.timeouts.gatewayReadyMs, CONTAINER_READY_MS), signal: o.signal }, () => exit, upAt);
    const restarts = (await containerState(gatewayId))?.restarts ?? 0;
    return { control: ready.control, upMs, readyMs: Date.now() - upAt, attempts: ready.attempts, restarts };
  } finally {
    polling.abort();
  }
}

/** One requester approval, resolved by the sidecar (its input on stdin), then checked and settled by the admin. */
async function resolveOnce(s: ScenarioDefinition, project: ComposeProject, names: ServiceNames, spec: ComposeClientSpec, relayUrl: string, control: GatewayConnection, inv: (route: ComposeClientSpec["route"]) => { cfg: Record<string, unknown> }, lane: LaneContext, obs: Observations, tag: string): Promise<void> {
  const { o } = lane;
  const t = spec.topology;
  const requester: Requester = await createRequesterApproval(relayUrl, project.secrets.gatewayToken, `${s.id}${tag}`, o.timeouts.rpcMs, "exec");
  try {
    o.redactor.add({ name: `requester-private-key:${s.id}${tag}`, value: requester.device.privateKeyPem });
    const req: RequesterObservation = { approvalId: requester.approvalId, deviceId: requester.device.deviceId, accepted: true, requestError: null, finalDecision: null, finalSource: "none", dialect: requester.dialect };
    obs.requester = req;
    let finalAt: number | null = null;
    const final = requester.final.then((d) => {
      finalAt = Date.now();
      req.finalDecision = d;
      return d;
    });
    if (spec.firstAttempt && obs.compose) {
      const runtime = await runSidecar(project, names, t, spec.firstAttempt, inv(spec.firstAttempt).cfg, requester.approvalId, s.decision, lane);
      obs.compose.firstAttempt = { route: spec.firstAttempt, runtime, connections: (await project.tapConnections()).length } satisfies ComposeAttempt;
    }
    obs.runtime = await runSidecar(project, names, t, spec.route, inv(spec.route).cfg, requester.approvalId, s.decision, lane);
    if (obs.runtime.ok) await waitFor(final, o.timeouts.requesterFinalMs, o.signal);
    const settleAt = Date.now();
    obs.control = await checkAndSettle(control, requester.approvalId, o.timeouts.rpcMs);
    await waitFor(final, o.timeouts.requesterFinalMs, o.signal);
    req.finalSource = req.finalDecision === null ? "none" : finalAt !== null && finalAt >= settleAt && obs.control.settledWith ? "control-settle" : "runtime";
  } finally {
    requester.close();
  }
}

/** The project's parameters with the gateway (and tap) on one build and the CLI on another, as a bump leaves them. Pure. */
function onBuilds(params: ProjectInput["params"], gateway: LaneBuild, sidecar: LaneBuild, layout: ComposeLayoutEvidence): ProjectInput["params"] {
  return { ...params, image: gateway.image.tag, layout, mounts: { ...params.mounts, targetDir: gateway.targetDir }, ...(sidecar === gateway ? {} : { sidecarBuild: { image: sidecar.image.tag, targetDir: sidecar.targetDir } }) };
}

/** One topology: write its project, bring up gateway and tap, run the sidecar's attempt(s), settle, judge, tear down. */
export async function runTopology(s: ScenarioDefinition, spec: ComposeClientSpec, lane: LaneContext): Promise<{ result: ScenarioResult; gateways: GatewayRecord[]; aborted: string | null }> {
  const { o } = lane;
  const t = spec.topology;
  const names = serviceNames(t);
  const bump = spec.bump && lane.bump ? { kind: spec.bump, ...lane.bump } : null;
  if (spec.bump && !bump) throw new Error(`${s.id}: a Compose bump needs the run's base build (smoke --upgrade-from)`);
  // A bump's files are named by its scenario: official-cli runs more than once in a run then.
  const key = bump ? s.id.replace(/^compose-/, "") : t;
  const logName = `gateway-${o.label}-compose-${key}.log`;
  const record: GatewayRecord = { sandboxProfile: `compose:${key}${bump ? "#1" : ""}`, ...(bump ? { build: { role: "base" as const, version: bump.base.version } } : {}), readyMs: null, readyAttempts: 0, peakRssBytes: null, exit: null, stopMs: null, logFile: logName };
  const records: GatewayRecord[] = [record];
  const obs: Observations = emptyObservations();
  const findings: string[] = [];
  const started = Date.now();
  const subnet = await reserveSubnet();
  // The compose file a user wrote on the base release (its docs' layout) is the one the bump keeps.
  const layout = bump ? bump.base.layout : lane.params.layout;
  const first = bump ? onBuilds({ ...lane.params, subnet }, bump.base, bump.base, layout) : { ...lane.params, subnet };
  const project = await createProject({ topology: t, runId: lane.runId, tools: lane.tools, params: first, redact: (x) => o.redactor.text(x) });
  o.trackSandbox(project.root);
  await writeFile(join(o.reportFolder, `compose-${key}.yaml`), reviewerCompose(t, first, bump ? bump.base.version : lane.version));
  for (const [name, value] of Object.entries(project.secrets)) o.redactor.add({ name: `compose-${name}`, value });
  const evidence: ComposeEvidence = { topology: t, composeFile: `compose-${key}.yaml`, compose: lane.tools.compose.label, engineVersion: lane.tools.engineVersion, image: bump ? bump.base.image : lane.image, project: project.name, subnet, upMs: null, gatewayReadyMs: null, firstAttempt: null, layout: t === "official-cli" ? layout : null };
  obs.compose = evidence;
  const inv = (route: ComposeClientSpec["route"]) => runtimeInvocation({ route }, { doors: composeDoorUrls(t), gatewayToken: project.secrets.gatewayToken, unsharedHome: "", configDir: "", scenarioId: s.id });
  const doors = [
    { door: "local", host: names.gateway, urlSource: URL_SOURCE.env },
    { door: "local", host: "127.0.0.1", urlSource: URL_SOURCE.local },
    { door: "local", host: "localhost", urlSource: URL_SOURCE.local },
  ];
  let control: GatewayConnection | null = null;
  let relay: Relay | null = null;
  let aborted: string | null = null;
  const relayUrl = async (): Promise<string> => {
    if (!relay) {
      relay = await startRelay(join(project.tapDir, "gateway.sock"));
      o.trackPort(relay.port);
    }
    return relay.url;
  };
  const after = bump ? { gateway: bump.head, sidecar: bump.kind === "gateway-and-cli" ? bump.head : bump.base } : null;
  try {
    const up = await bringUp(project, names, t, relayUrl, lane, "compose up");
    control = up.control;
    evidence.upMs = up.upMs;
    record.readyMs = evidence.gatewayReadyMs = up.readyMs;
    record.readyAttempts = up.attempts;
    if (up.restarts > 0) findings.push(`the gateway container failed its start ${up.restarts} time(s) and Docker restarted it (restart: unless-stopped) before it answered hello-ok; read ${logName}`);
    if (bump && after) {
      // Before the bump: the base project in use, its CLI resolving as the base build decides (recorded, not judged).
      const before = emptyObservations();
      before.compose = evidence;
      await resolveOnce(s, project, names, spec, await relayUrl(), control, inv, lane, before, "-before-bump");
      const tokenBefore = await readSocketTokenStore(project.hostLayout);
      const connections = (await project.tapConnections()).length;
      control.close();
      control = null;
      record.exit = { code: null, signal: null, by: "harness" };
      // The tag moves: the gateway (and the tap in its namespace) to the head, the CLI too or not; `up -d` recreates them on the same state.
      await project.rewrite(onBuilds({ ...lane.params, subnet }, after.gateway, after.sidecar, layout));
      const second: GatewayRecord = { sandboxProfile: `compose:${key}#2`, build: { role: "head", version: bump.head.version }, readyMs: null, readyAttempts: 0, peakRssBytes: null, exit: null, stopMs: null, logFile: logName };
      records.push(second);
      const again = await bringUp(project, names, t, relayUrl, lane, "compose up -d (the bump)", true);
      control = again.control;
      second.readyMs = again.readyMs;
      second.readyAttempts = again.attempts;
      if (again.restarts > 0) findings.push(`the bumped gateway container failed its start ${again.restarts} time(s) before it answered hello-ok; read ${logName}`);
      evidence.bump = {
        services: bump.kind === "gateway-and-cli" ? [names.gateway, names.sidecar] : [names.gateway],
        images: { base: bump.base.image, head: bump.head.image },
        before: { builds: { gateway: bump.base.use, client: bump.base.use }, runtime: before.runtime, finalDecision: before.requester?.finalDecision ?? null, connections },
        socketToken: { before: tokenBefore, after: await readSocketTokenStore(project.hostLayout) },
        upMs: again.upMs,
        gatewayReadyMs: again.readyMs,
        after: { gateway: after.gateway.use, client: after.sidecar.use },
      };
    }
    await resolveOnce(s, project, names, spec, await relayUrl(), control, inv, lane, obs, "");
    obs.stateIdentity = await readStateIdentity(project.hostLayout);
  } catch (err) {
    const msg = err instanceof StepError ? err.describe() : err instanceof Error ? err.message : String(err);
    findings.push(`${s.id} could not complete: ${o.redactor.text(msg)}`);
    const pending = obs.requester?.approvalId ?? null;
    if (pending && control && !obs.control) obs.control = await checkAndSettle(control, pending, o.timeouts.rpcMs).catch(() => null);
    if (!control) aborted = null;
  } finally {
    control?.close();
    await (relay as Relay | null)?.close();
    // Interrupted: straight to `down` (each Compose call is a slow start), so the partial report beats the exit guard.
    const hurry = o.signal.aborted;
    const stopAt = Date.now();
    if (!hurry) await project.compose(["stop", "-t", "10"], 60_000);
    const last = records.at(-1) as GatewayRecord;
    last.stopMs = hurry ? null : Date.now() - stopAt;
    last.exit = { code: null, signal: null, by: "harness" };
    obs.wire = o.redactor.deep(await project.tapConnections());
    const logs = hurry ? null : await project.compose(["logs", "--no-color", names.gateway], 30_000);
    await writeFile(join(o.reportFolder, logName), logs ? o.redactor.text(`${logs.stdout}\n${logs.stderr}`.trim()) + "\n" : "not collected: the harness was interrupted\n");
    const down = await project.compose(["down", "-v", "--remove-orphans", "-t", hurry ? "1" : "5"], 120_000);
    if (down.code !== 0) findings.push(`compose down exited ${down.code ?? "none"}: ${o.redactor.text(down.stderr.split("\n").slice(-3).join(" "))}`);
    reserved.delete(subnet);
    if (!o.keep) await project.remove();
    else o.progress.info(`kept Compose project folder ${project.root}`);
  }
  const setup: ScenarioResult["setup"] = {
    client: "compose-sidecar",
    description: describeTopology(spec),
    config: o.redactor.deep(inv(spec.route).cfg),
    env: spec.route === "env-url" ? { OPENCLAW_GATEWAY_URL: serviceUrl(t), OPENCLAW_GATEWAY_TOKEN: "${OPENCLAW_GATEWAY_TOKEN}", ...SERVICE_URL_ENV } : {},
    gatewayUrlArg: null,
    sandboxProfile: s.sandbox,
    doors,
  };
  // A resolve after a bump is judged on the builds it ran on (judge/handoff-by-builds.ts), as a lifecycle step is.
  const builds = evidence.bump?.after;
  const wanted = concreteExpectations(s.expectations, builds);
  const j = judge(wanted.map((w) => w.e), obs, { doors });
  const expectations = foldHandoff(j.expectations, wanted.map((w) => w.handoff), builds);
  const { refusals } = j;
  const deciding = builds ? `${j.deciding} [${buildsLine(builds)}]` : j.deciding;
  const cut = interruptedBy(o.signal);
  const status = cut ? "not-run" : scenarioStatus(expectations);
  if (s.findingWhenObserved && status === "passed") findings.push(s.findingWhenObserved);
  return {
    result: { id: s.id, claim: s.claim, status, skipReason: cut ? `interrupted (${cut}) while it ran` : null, setup, observations: obs, expectations, refusals, deciding, durationMs: Date.now() - started, findings },
    gateways: records,
    aborted: aborted ?? (cut ? `harness received ${cut}` : null),
  };
}

/** The URLs the sidecar's config can name: the generated local URL (loopback) and the gateway's service name. Pure. */
function composeDoorUrls(t: ComposeClientSpec["topology"]): Parameters<typeof runtimeInvocation>[1]["doors"] {
  const local = { port: CLIENT_PORT, url: `ws://127.0.0.1:${CLIENT_PORT}` };
  const service = { port: CLIENT_PORT, url: serviceUrl(t) };
  return { local, env: service, remote: service, explicit: service };
}

function describeTopology(spec: ComposeClientSpec): string {
  const first = spec.firstAttempt ? "first with the generated local URL, then " : "";
  const route = spec.route === "env-url" ? "OPENCLAW_GATEWAY_URL = the gateway's service name" : "the generated local URL (gateway.mode local)";
  return `resolveApprovalOverGateway in a sidecar container (Compose topology ${spec.topology}); ${first}${route}`;
}

/** One `compose run --rm -T <sidecar>`: OpenClaw's client in the sidecar container, its input on stdin. */
async function runSidecar(project: ComposeProject, names: ServiceNames, t: ComposeClientSpec["topology"], route: ComposeClientSpec["route"], cfg: Record<string, unknown>, approvalId: string, decision: string, lane: LaneContext): Promise<RuntimeOutcome> {
  const { o } = lane;
  // official-cli on the env-url route: the service URL is the attempt's own (-e, no secret); bridge-url has it in its compose.yaml.
  const env = t === "official-cli" && route === "env-url" ? ["-e", `OPENCLAW_GATEWAY_URL=${serviceUrl(t)}`, ...Object.entries(SERVICE_URL_ENV).flatMap(([k, v]) => ["-e", `${k}=${v}`])] : [];
  const input = JSON.stringify({ cfg, gatewayUrl: null, approvalId, decision, timeoutMs: o.timeouts.rpcMs });
  const at = Date.now();
  const r = await project.compose(["run", "--rm", "-T", ...env, names.sidecar], o.timeouts.runtimeProcessMs + 30_000, input);
  const redact = (x: string): string => o.redactor.text(x);
  const logTail = redact(`${r.stderr}\n${r.stdout}`.split("\n").filter((l) => l.trim() && !l.includes("smokeRuntimeOutcome")).slice(-15).join("\n"));
  return parseRuntimeOutcome({ pid: null, exitCode: r.code, signal: null, timedOut: r.timedOut, wallMs: Date.now() - at, stdout: r.stdout, logTail }, redact);
}
