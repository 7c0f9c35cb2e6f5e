import { randomBytes } from "node:crypto";
import { chown, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ComposeTopology } from "../plan/scenario-types.ts";
import { execApprovalsDocument, gatewayConfig } from "../sandbox/files.ts";
import { sandboxLayout, type SandboxLayout } from "../sandbox/layout.ts";
import { deriveApprovalRuntimeToken } from "../wire/token.ts";
import type { WireConnection } from "../evidence/types.ts";
import { isRecord } from "../wire/frames.ts";
import { call, must, type CallResult, type DockerTools } from "./docker.ts";
import { composeDocument, GATEWAY_PORT_BEHIND_TAP, reportHeader, serviceNames, type ComposeRunParams } from "./topology.ts";
import { toYaml } from "./yaml.ts";
import { ownedTempDir, RUN_TEMP_PREFIX } from "../hygiene/owner.ts";

const NODE_UID = 1000;

/** One topology's Compose project: its folder (state, tap socket, compose.yaml), its secrets, its commands. */
export interface ComposeProject {
  name: string;
  root: string;
  /** The state folder as the host sees it (the containers' /home/node/.openclaw is its .openclaw). */
  hostLayout: SandboxLayout;
  tapDir: string;
  composeFile: string;
  secrets: { socketToken: string; gatewayToken: string; derivedToken: string };
  /** Run a compose sub-command of this project (the secrets reach Compose through its environment only). */
  compose(args: readonly string[], timeoutMs: number, input?: string): Promise<CallResult>;
  composeMust(step: string, args: readonly string[], timeoutMs: number, next?: string): Promise<string>;
  /** What the tap service recorded so far (its tap.json). */
  tapConnections(): Promise<WireConnection[]>;
  /** Write the compose.yaml again with other parameters (a release bump: the image tag moved), for the next `up -d`. */
  rewrite(params: ProjectInput["params"]): Promise<void>;
  remove(): Promise<void>;
}

export interface ProjectInput {
  topology: ComposeTopology;
  runId: string;
  tools: DockerTools;
  params: Omit<ComposeRunParams, "topology" | "runId" | "stateDir" | "tapDir">;
  redact: (s: string) => string;
}

/** Compose project names: lower case letters, digits, dash, underscore. Pure. */
export function projectName(runId: string, topology: ComposeTopology): string {
  return `oas-${runId}-${topology}`.toLowerCase().replace(/[^a-z0-9_-]/g, "-");
}

/**
 * Create the project's folder: a state dir owned by the image's node user (exec-approvals.json with a fresh socket
 * token and openclaw.json, as the container sees its paths, both 0600), the tap's folder, and the compose.yaml.
 */
export async function createProject(input: ProjectInput): Promise<ComposeProject> {
  const root = await ownedTempDir(tmpdir(), `${RUN_TEMP_PREFIX}compose-`);
  const home = join(root, "home");
  const hostLayout = sandboxLayout(home);
  const inContainer = sandboxLayout("/home/node");
  const tapDir = join(root, "tap");
  const socketToken = randomBytes(32).toString("base64url");
  const gatewayToken = randomBytes(24).toString("base64url");
  await mkdir(hostLayout.stateDir, { recursive: true, mode: 0o700 });
  await mkdir(tapDir, { mode: 0o700 });
  const files: Array<[string, unknown]> = [
    [hostLayout.execApprovalsPath, execApprovalsDocument(inContainer, "shared-socket-token", socketToken)],
    [hostLayout.configPath, gatewayConfig(inContainer, GATEWAY_PORT_BEHIND_TAP, gatewayToken, "lan-bind")],
  ];
  for (const [path, doc] of files) await writeFile(path, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
  for (const p of [home, hostLayout.stateDir, tapDir, ...files.map((f) => f[0])]) await chown(p, NODE_UID, NODE_UID);
  const name = projectName(input.runId, input.topology);
  const doc = composeDocument({ ...input.params, topology: input.topology, runId: input.runId, stateDir: hostLayout.stateDir, tapDir }, false, "");
  const composeFile = join(root, "compose.yaml");
  await writeFile(composeFile, toYaml(doc));
  const secrets = { socketToken, gatewayToken, derivedToken: deriveApprovalRuntimeToken(socketToken) };
  const env = { OPENCLAW_GATEWAY_TOKEN: gatewayToken, SMOKE_TAP_DERIVED: secrets.derivedToken };
  const argv = (args: readonly string[]): string[] => [...input.tools.compose.argv, "-p", name, "-f", composeFile, ...args];
  return {
    name,
    root,
    hostLayout,
    tapDir,
    composeFile,
    secrets,
    compose: (args, timeoutMs, stdin) => call(argv(args), { timeoutMs, env, cwd: root, ...(stdin !== undefined ? { input: stdin } : {}) }),
    composeMust: (step, args, timeoutMs, next) => must(step, argv(args), { timeoutMs, env, cwd: root, redact: input.redact, ...(next ? { next } : {}) }),
    async tapConnections() {
      const text = await readFile(join(tapDir, "tap.json"), "utf8").catch(() => "");
      const v: unknown = text ? JSON.parse(text) : null;
      return isRecord(v) && Array.isArray(v.tapConnections) ? (v.tapConnections as WireConnection[]) : [];
    },
    async rewrite(params) {
      await writeFile(composeFile, toYaml(composeDocument({ ...params, topology: input.topology, runId: input.runId, stateDir: hostLayout.stateDir, tapDir }, false, "")));
    },
    async remove() {
      await rm(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** The reviewer's copy of a topology's compose.yaml: the official image, placeholders, no harness plumbing. Pure. */
export function reviewerCompose(topology: ComposeTopology, params: ProjectInput["params"], version: string): string {
  const doc = composeDocument({ ...params, topology, runId: "", stateDir: "", tapDir: "" }, true, version);
  return toYaml(doc, reportHeader(topology, version));
}

/** The gateway container's state, as docker reports it: running, or how it ended. */
/** The gateway container's id (once, after `compose up`). */
export async function gatewayContainer(project: ComposeProject, topology: ComposeTopology): Promise<string> {
  return (await project.composeMust("compose ps", ["ps", "-q", serviceNames(topology).gateway], 60_000)).trim();
}

export async function containerState(id: string): Promise<{ status: string; exitCode: number | null; restarts: number } | null> {
  if (!id) return null;
  const r = await call(["docker", "inspect", "--format", "{{.State.Status}} {{.State.ExitCode}} {{.RestartCount}}", id], { timeoutMs: 30_000 });
  const [status, code, restarts] = r.stdout.trim().split(" ");
  return r.code === 0 && status ? { status, exitCode: code === undefined ? null : Number(code), restarts: Number(restarts ?? 0) } : null;
}
