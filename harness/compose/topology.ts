import type { ComposeTopology } from "../plan/scenario-types.ts";
import type { ComposeLayoutEvidence } from "../evidence/types.ts";
import type { YamlValue } from "./yaml.ts";

/**
 * The compose.yaml of each topology, as the harness runs it and as a reviewer runs it with the official image. Pure.
 *
 * In the harness's run the wire tap sits in the gateway's network namespace (service `smoke-tap`, network_mode
 * service:<gateway>): it listens on 18789, the port every client dials, and forwards frames unchanged to the gateway on
 * 18790 in the same namespace, from loopback for a loopback client and from the container's own network address for
 * a client on the network, so the gateway sees the peer class the client would have given it.
 */
export const CLIENT_PORT = 18789;
export const GATEWAY_PORT_BEHIND_TAP = 18790;
export const RUN_LABEL = "openclaw-approval-smoke.run";
/** The harness process that made the object (hygiene/owner.ts): the reaper removes what a gone one left. */
export const OWNER_LABEL = "openclaw-approval-smoke.owner";
export const IMAGE_LABEL = "openclaw-approval-smoke.image";
export const STATE_IN_CONTAINER = "/home/node/.openclaw";
export const TAP_DIR_IN_CONTAINER = "/smoke-tap";
export const NODE_IN_CONTAINER = "/opt/node/bin/node";
/** Another unprivileged uid than the image's node user (1000), for other-uid. */
export const OTHER_UID = "1001:1001";

export interface ComposeMounts {
  /** The host's Node 24 binary, bound read-only at NODE_IN_CONTAINER. */
  nodeBinary: string;
  /** The target's openclaw package directory (openclaw.mjs, dist/). */
  targetDir: string;
  /** Host directories bound read-only at the same path: the target's and the harness's node_modules, the harness. */
  samePath: string[];
  /** The host's system directories the image has no copy of (read-only). */
  system: string[];
}

export interface ComposeRunParams {
  topology: ComposeTopology;
  runId: string;
  /** The owner marker of the harness process (formatOwner), as every object's OWNER_LABEL. */
  owner: string;
  image: string;
  subnet: string;
  mounts: ComposeMounts;
  /** The host folder that holds the state (/home/node/.openclaw): bind-mounted (official-cli) or behind a named volume. */
  stateDir: string;
  /** The host folder the tap writes its records and its harness socket into. */
  tapDir: string;
  runtimeChild: string;
  tapEntry: string;
  /**
   * A persistent host folder (owned by uid 1000) mounted where OpenClaw's launcher keeps its compile cache
   * (os.tmpdir()/node-compile-cache), so the gateway container starts as a user's second start does; null: none.
   */
  compileCache: string | null;
  /** OpenClaw's own layout as the build documents it (official-layout.ts): how official-cli's two services are set up. */
  layout: ComposeLayoutEvidence;
  /** The sidecar's own build where it differs from the gateway's (a Compose bump whose CLI image lags): image and package. */
  sidecarBuild?: { image: string; targetDir: string };
}

export interface ServiceNames {
  gateway: string;
  sidecar: string;
  tap: string;
}

export function serviceNames(t: ComposeTopology): ServiceNames {
  return t === "official-cli" ? { gateway: "openclaw-gateway", sidecar: "openclaw-cli", tap: "smoke-tap" } : { gateway: "gateway", sidecar: "sidecar", tap: "smoke-tap" };
}

/**
 * OpenClaw's client refuses plaintext ws:// to a host that is not loopback before it connects ("SECURITY ERROR …
 * Break-glass (trusted private networks only): set OPENCLAW_ALLOW_INSECURE_PRIVATE_WS=1"). A sidecar that dials the
 * gateway by service name needs it, as the error itself tells its user; the Compose network here is internal.
 */
export const SERVICE_URL_ENV: Record<string, string> = { OPENCLAW_ALLOW_INSECURE_PRIVATE_WS: "1" };

/** The URL a sidecar on the project network writes first: the gateway's service name. Pure. */
export function serviceUrl(t: ComposeTopology): string {
  return `ws://${serviceNames(t).gateway}:${CLIENT_PORT}`;
}

/** The sidecar shares the gateway's network namespace (so its loopback is the gateway's). Pure. */
export function sharesNetns(t: ComposeTopology, layout: ComposeLayoutEvidence): boolean {
  return t === "shared-netns" || t === "other-uid" || t === "readonly-volume" || (t === "official-cli" && layout.sharesNetns);
}

/** official-cli's hardening of both services, as the build's docs state it (none for the other topologies). Pure. */
function hardening(t: ComposeTopology, layout: ComposeLayoutEvidence): { [key: string]: YamlValue } {
  if (t !== "official-cli") return {};
  return { ...(layout.capDrop.length ? { cap_drop: [...layout.capDrop] } : {}), ...(layout.noNewPrivileges ? { security_opt: ["no-new-privileges:true"] } : {}) };
}

const QUIET_ENV: Record<string, string> = {
  OPENCLAW_NO_AUTO_UPDATE: "1",
  OPENCLAW_SKIP_CHANNELS: "1",
  OPENCLAW_SKIP_GMAIL_WATCHER: "1",
  OPENCLAW_SKIP_CRON: "1",
  OPENCLAW_SKIP_STARTUP_MODEL_PREWARM: "1",
};

function baseEnv(forReport: boolean): Record<string, string> {
  return { HOME: "/home/node", ...(forReport ? {} : { PATH: `/opt/node/bin:/usr/bin:/bin`, ...QUIET_ENV }), OPENCLAW_GATEWAY_TOKEN: "${OPENCLAW_GATEWAY_TOKEN}" };
}

function stateMount(t: ComposeTopology, forReport: boolean, stateDir: string, readOnly: boolean): string {
  const source = t === "official-cli" ? (forReport ? "${OPENCLAW_CONFIG_DIR}" : stateDir) : "openclaw-home";
  return `${source}:${STATE_IN_CONTAINER}${readOnly ? ":ro" : ""}`;
}

function runtimeMounts(p: ComposeRunParams): string[] {
  const m = p.mounts;
  return [...m.system.map((d) => `${d}:${d}:ro`), `${m.nodeBinary}:${NODE_IN_CONTAINER}:ro`, ...m.samePath.map((d) => `${d}:${d}:ro`)];
}

/** The project's compose document. forReport: the official image, no tap, no host mounts, no labels. Pure. */
export function composeDocument(p: ComposeRunParams, forReport: boolean, version: string): { [key: string]: YamlValue } {
  const t = p.topology;
  const names = serviceNames(t);
  const labels: { [key: string]: YamlValue } = forReport ? {} : { labels: { [RUN_LABEL]: p.runId, [OWNER_LABEL]: p.owner } };
  const image = forReport ? `ghcr.io/openclaw/openclaw:${version}` : p.image;
  const mounts = forReport ? [] : runtimeMounts(p);
  const openclaw = forReport ? ["node", "dist/index.js"] : ["node", `${p.mounts.targetDir}/openclaw.mjs`];
  const gatewayPort = forReport ? CLIENT_PORT : GATEWAY_PORT_BEHIND_TAP;
  // As in OpenClaw's own docker-compose.yml: a gateway that fails its start (its own 5 s start-up watchdogs trip on
  // a loaded host) is started again by Docker; the harness records how often (restartCount).
  const gateway: { [key: string]: YamlValue } = {
    image,
    init: true,
    restart: "unless-stopped",
    environment: baseEnv(forReport),
    volumes: [...mounts, stateMount(t, forReport, p.stateDir, false), ...(!forReport && p.compileCache ? [`${p.compileCache}:/tmp/node-compile-cache`] : [])],
    command: [...openclaw, "gateway", "run", ...(forReport ? [] : ["--allow-unconfigured"]), "--bind", "lan", "--port", String(gatewayPort)],
    // The reviewer's copy publishes the gateway's port as OpenClaw's compose does (on loopback here); the harness's
    // project network is internal and publishes nothing.
    ...(forReport && t === "official-cli" ? { ports: [`127.0.0.1:${CLIENT_PORT}:${CLIENT_PORT}`] } : {}),
    ...hardening(t, p.layout),
    ...labels,
  };
  const sidecarEnv: Record<string, string> = { ...baseEnv(forReport), ...(t === "bridge-url" ? { OPENCLAW_GATEWAY_URL: serviceUrl(t), ...SERVICE_URL_ENV } : {}) };
  const own = forReport ? null : (p.sidecarBuild ?? null);
  const sidecar: { [key: string]: YamlValue } = {
    image: own?.image ?? image,
    init: true,
    environment: sidecarEnv,
    volumes: [...mounts, stateMount(t, forReport, p.stateDir, t === "readonly-volume")],
    ...(sharesNetns(t, p.layout) ? { network_mode: `service:${names.gateway}` } : {}),
    ...hardening(t, p.layout),
    ...(t === "other-uid" ? { user: OTHER_UID } : {}),
    depends_on: [names.gateway],
    entrypoint: forReport ? openclaw : ["node"],
    ...(forReport ? {} : { command: [p.runtimeChild, own?.targetDir ?? p.mounts.targetDir, "resolve-over-gateway"] }),
    ...labels,
  };
  const services: { [key: string]: YamlValue } = { [names.gateway]: gateway, [names.sidecar]: sidecar };
  if (!forReport) {
    services[names.tap] = {
      image,
      init: true,
      network_mode: `service:${names.gateway}`,
      environment: { PATH: "/opt/node/bin:/usr/bin:/bin", SMOKE_TAP_DERIVED: "${SMOKE_TAP_DERIVED}", SMOKE_TAP_PORT: String(CLIENT_PORT), SMOKE_GATEWAY_PORT: String(GATEWAY_PORT_BEHIND_TAP), SMOKE_TAP_DIR: TAP_DIR_IN_CONTAINER },
      volumes: [...mounts, `${p.tapDir}:${TAP_DIR_IN_CONTAINER}`],
      depends_on: [names.gateway],
      command: ["node", p.tapEntry],
      ...labels,
    };
  }
  const network = { internal: true, ...labels, ipam: { config: [{ subnet: p.subnet }] } };
  const doc: { [key: string]: YamlValue } = { version: "2.4", services, networks: { default: network } };
  if (t !== "official-cli") {
    doc.volumes = { "openclaw-home": forReport ? {} : { driver: "local", driver_opts: { type: "none", o: "bind", device: p.stateDir }, ...labels } };
  }
  return doc;
}

/** The header of the reviewer's copy: how to run it, and what the harness ran in place of the CLI. Pure. */
export function reportHeader(t: ComposeTopology, version: string): string[] {
  const names = serviceNames(t);
  return [
    `Topology ${t}, as the smoke harness ran it, with the official image (openclaw ${version}).`,
    "Run: OPENCLAW_GATEWAY_TOKEN=<gateway token>" + (t === "official-cli" ? " OPENCLAW_CONFIG_DIR=<state dir>" : "") + " docker compose up -d " + names.gateway,
    `then: docker compose run --rm ${names.sidecar} <a command that resolves an approval>.`,
    "The state (/home/node/.openclaw) must hold exec-approvals.json with a socket token, as OpenClaw writes it;",
    "the gateway token is a placeholder here. The harness ran its approval client in the sidecar",
    "(resolveApprovalOverGateway from openclaw/plugin-sdk/approval-gateway-runtime), and a wire tap in the",
    `gateway's network namespace on ${CLIENT_PORT}, with the gateway behind it on ${GATEWAY_PORT_BEHIND_TAP}; both are left out here.`,
  ];
}
