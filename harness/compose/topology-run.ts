import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ComposeAttempt, ComposeEvidence, GatewayRecord, Observations, ProcessExit, RequesterObservation, RuntimeOutcome, ScenarioResult } from "../evidence/types.ts";
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

/** One topology: write its project, bring up gateway and tap, run the sidecar's attempt(s), settle, judge, tear down. */
export async function runTopology(s: ScenarioDefinition, spec: ComposeClientSpec, lane: LaneContext): Promise<{ result: ScenarioResult; gateway: GatewayRecord; aborted: string | null }> {
  const { o } = lane;
  const t = spec.topology;
  const names = serviceNames(t);
  const logName = `gateway-${o.label}-compose-${t}.log`;
  const record: GatewayRecord = { sandboxProfile: `compose:${t}`, readyMs: null, readyAttempts: 0, peakRssBytes: null, exit: null, stopMs: null, logFile: logName };
  const obs: Observations = emptyObservations();
  const findings: string[] = [];
  const started = Date.now();
  const subnet = await reserveSubnet();
  const project = await createProject({ topology: t, runId: lane.runId, tools: lane.tools, params: { ...lane.params, subnet }, redact: (x) => o.redactor.text(x) });
  o.trackSandbox(project.root);
  await writeFile(join(o.reportFolder, `compose-${t}.yaml`), reviewerCompose(t, { ...lane.params, subnet }, lane.version));
  for (const [name, value] of Object.entries(project.secrets)) o.redactor.add({ name: `compose-${name}`, value });
  const evidence: ComposeEvidence = { topology: t, composeFile: `compose-${t}.yaml`, compose: lane.tools.compose.label, engineVersion: lane.tools.engineVersion, image: lane.image, project: project.name, subnet, upMs: null, gatewayReadyMs: null, firstAttempt: null, layout: t === "official-cli" ? lane.params.layout : null };
  obs.compose = evidence;
  const inv = (route: ComposeClientSpec["route"]) => runtimeInvocation({ route }, { doors: composeDoorUrls(t), gatewayToken: project.secrets.gatewayToken, unsharedHome: "", configDir: "", scenarioId: s.id });
  const doors = [
    { door: "local", host: names.gateway, urlSource: URL_SOURCE.env },
    { door: "local", host: "127.0.0.1", urlSource: URL_SOURCE.local },
    { door: "local", host: "localhost", urlSource: URL_SOURCE.local },
  ];
  let control: GatewayConnection | null = null;
  let requester: Requester | null = null;
  let relay: Relay | null = null;
  let aborted: string | null = null;
  try {
    const upAt = Date.now();
    await project.composeMust("compose up", ["up", "-d", "--no-color", names.gateway, names.tap], 180_000, "read the Compose output; `docker info` shows whether the daemon can run containers");
    evidence.upMs = Date.now() - upAt;
    relay = await startRelay(join(project.tapDir, "gateway.sock"));
    o.trackPort(relay.port);
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
      const ready = await waitReady(relay.url, { gatewayToken: project.secrets.gatewayToken, readyTimeoutMs: Math.max(o.timeouts.gatewayReadyMs, CONTAINER_READY_MS), signal: o.signal }, () => exit, upAt);
      control = ready.control;
      record.readyAttempts = ready.attempts;
    } finally {
      polling.abort();
    }
    record.readyMs = evidence.gatewayReadyMs = Date.now() - upAt;
    const restarts = (await containerState(gatewayId))?.restarts ?? 0;
    if (restarts > 0) findings.push(`the gateway container failed its start ${restarts} time(s) and Docker restarted it (restart: unless-stopped) before it answered hello-ok; read ${logName}`);
    requester = await createRequesterApproval(relay.url, project.secrets.gatewayToken, s.id, o.timeouts.rpcMs, "exec");
    o.redactor.add({ name: `requester-private-key:${s.id}`, value: requester.device.privateKeyPem });
    const req: RequesterObservation = { approvalId: requester.approvalId, deviceId: requester.device.deviceId, accepted: true, requestError: null, finalDecision: null, finalSource: "none", dialect: requester.dialect };
    obs.requester = req;
    let finalAt: number | null = null;
    const final = requester.final.then((d) => {
      finalAt = Date.now();
      req.finalDecision = d;
      return d;
    });
    if (spec.firstAttempt) {
      const runtime = await runSidecar(project, names, t, spec.firstAttempt, inv(spec.firstAttempt).cfg, requester.approvalId, s.decision, lane);
      evidence.firstAttempt = { route: spec.firstAttempt, runtime, connections: (await project.tapConnections()).length } satisfies ComposeAttempt;
    }
    obs.runtime = await runSidecar(project, names, t, spec.route, inv(spec.route).cfg, requester.approvalId, s.decision, lane);
    if (obs.runtime.ok) await waitFor(final, o.timeouts.requesterFinalMs, o.signal);
    const settleAt = Date.now();
    obs.control = await checkAndSettle(control, requester.approvalId, o.timeouts.rpcMs);
    await waitFor(final, o.timeouts.requesterFinalMs, o.signal);
    req.finalSource = req.finalDecision === null ? "none" : finalAt !== null && finalAt >= settleAt && obs.control.settledWith ? "control-settle" : "runtime";
    obs.stateIdentity = await readStateIdentity(project.hostLayout);
  } catch (err) {
    const msg = err instanceof StepError ? err.describe() : err instanceof Error ? err.message : String(err);
    findings.push(`${s.id} could not complete: ${o.redactor.text(msg)}`);
    if (requester && control && !obs.control) obs.control = await checkAndSettle(control, requester.approvalId, o.timeouts.rpcMs).catch(() => null);
    if (!control) aborted = null;
  } finally {
    requester?.close();
    control?.close();
    await relay?.close();
    // Interrupted: straight to `down` (each Compose call is a slow start), so the partial report beats the exit guard.
    const hurry = o.signal.aborted;
    const stopAt = Date.now();
    if (!hurry) await project.compose(["stop", "-t", "10"], 60_000);
    record.stopMs = hurry ? null : Date.now() - stopAt;
    record.exit = { code: null, signal: null, by: "harness" };
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
  const { expectations, refusals, deciding } = judge(s.expectations, obs, { doors });
  const cut = interruptedBy(o.signal);
  const status = cut ? "not-run" : scenarioStatus(expectations);
  if (s.findingWhenObserved && status === "passed") findings.push(s.findingWhenObserved);
  return {
    result: { id: s.id, claim: s.claim, status, skipReason: cut ? `interrupted (${cut}) while it ran` : null, setup, observations: obs, expectations, refusals, deciding, durationMs: Date.now() - started, findings },
    gateway: record,
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
