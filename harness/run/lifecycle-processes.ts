/**
 * The lifecycle lane's processes around a gateway's start: the runtime process spawned ahead of the step after a
 * start, the tap reopened on the doors' ports, and a socket-token rotation through the build's own CLI. Doing, under
 * run/lifecycle.ts.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, readFile, writeFile } from "node:fs/promises";
import { isRecord } from "../wire/frames.ts";
import { join } from "node:path";
import { execa } from "execa";
import type { RuntimeHandle } from "../clients/runtime-process.ts";
import type { BuildRole, LifecycleStep } from "../plan/scenario-types.ts";
import type { ScenarioBuilds } from "./lifecycle-builds.ts";
import { dyingWithHarness } from "../proc/parent-death.ts";
import { execApprovalsDocument } from "../sandbox/files.ts";
import { startTap, type Tap } from "../tap/tap.ts";
import { deriveApprovalRuntimeToken } from "../wire/token.ts";
import type { GroupRunOptions } from "./lane.ts";
import type { LifecycleHome } from "./lifecycle-gateway.ts";
import { prepareInvocation, setLoadingPriority, spawnTrackedRuntime, type RuntimeSpawnContext } from "./prepare.ts";

/**
 * The runtime process of `next` when it is a resolve by a new runtime process, spawned now (while a gateway starts),
 * as the process lane spawns its first scenarios' (run/prepare.ts): OpenClaw's client loads meanwhile and reads the
 * home only when the step sends its input. Null for any other step.
 */
export function spawnAhead(next: LifecycleStep | undefined, home: LifecycleHome, o: GroupRunOptions, inv: Awaited<ReturnType<typeof prepareInvocation>>, client: (step: Extract<LifecycleStep, { do: "resolve" }>) => string | null): RuntimeHandle | null {
  if (next?.do !== "resolve" || next.by !== "runtime" || !inv) return null;
  const handle = spawnTrackedRuntime(runtimeSpawnContext(home, o, client(next)), inv);
  setLoadingPriority(handle, "gateway-starting");
  return handle;
}

/** What spawning a runtime process on the scenario's home needs; `openclawDir`: the build it loads, when not the target. */
export function runtimeSpawnContext(home: LifecycleHome, o: GroupRunOptions, openclawDir: string | null = null): RuntimeSpawnContext {
  return { sandbox: home.sandbox, baseEnv: home.baseEnv, target: openclawDir ? { ...o.target, openclawDir } : o.target, redactor: o.redactor, signal: o.signal, trackPid: o.trackPid };
}

/** Await a gateway's start with the process spawned ahead at the lowest priority, and give it normal priority after. */
export async function whileLoading<T>(ahead: RuntimeHandle | null, starting: Promise<T>): Promise<T> {
  try {
    return await starting;
  } finally {
    setLoadingPriority(ahead, "gateway-ready");
  }
}

/** The scenario's tap in front of a gateway that just started, on the doors' stable ports. */
export function openTap(g: { url: string }, derivedToken: string, doors: Tap["doors"]): Promise<Tap> {
  return startTap({ upstreamUrl: g.url, derivedToken, ports: Object.fromEntries(Object.entries(doors).map(([d, x]) => [d, x.port])) });
}

/** A new socket token and its derivation, both registered with the redactor before anything writes them. */
function newSocketToken(o: GroupRunOptions, what: string): { token: string; derived: string } {
  const token = randomBytes(32).toString("base64url");
  o.redactor.add({ name: `${what}-socket-token`, value: token });
  const derived = deriveApprovalRuntimeToken(token);
  o.redactor.add({ name: `${what}-derived-token`, value: derived });
  return { token, derived };
}

/**
 * Replace the socket token as an operator can: the build's own `openclaw approvals set --file` (the gateway's build), with the sandbox's
 * approvals document carrying a new token (2026.9.x merges it into its state database, 2026.6.x writes the file).
 * Returns the new derivation, which the tap then compares connects with.
 */
export async function rotateSocketToken(o: GroupRunOptions, home: LifecycleHome, openclawDir: string = o.target.openclawDir): Promise<string> {
  const { token, derived } = newSocketToken(o, "rotated");
  const file = join(home.sandbox.layout.root, "rotated-exec-approvals.json");
  await writeFile(file, `${JSON.stringify(execApprovalsDocument(home.sandbox.layout, "shared-socket-token", token), null, 2)}\n`, { mode: 0o600 });
  const r = await execa(...dyingWithHarness([o.target.nodePath, join(openclawDir, "openclaw.mjs"), "approvals", "set", "--file", file]), {
    env: home.baseEnv,
    extendEnv: false,
    cwd: home.sandbox.layout.home,
    reject: false,
    all: true,
    stdin: "ignore",
    timeout: o.timeouts.gatewayReadyMs,
    cancelSignal: o.signal,
  });
  if (r.exitCode !== 0) throw new Error(`openclaw approvals set --file exited ${r.exitCode ?? r.signal ?? "?"}: ${o.redactor.text(String(r.all ?? "").trim().split("\n").slice(-3).join(" | "))}`);
  return derived;
}

/**
 * A release bump on the live home: stop the gateway, then start the other build on the same home and port. A build
 * that imports the legacy exec-approvals.json only through doctor, finding that file still there, gets its doctor
 * first: the manual step a user must take (recorded on the new gateway's record, as the first gateway's is).
 */
export async function upgradeGateway(home: LifecycleHome, builds: ScenarioBuilds, to: BuildRole, ahead: RuntimeHandle | null): Promise<void> {
  const next = builds.role(to);
  await home.stop();
  if (next.legacyApprovals.via === "doctor" && existsSync(home.sandbox.layout.execApprovalsPath)) await home.migrate(next);
  await whileLoading(ahead, home.start(undefined, next));
  builds.gateway = next;
}

/**
 * Replace the socket token by hand, as people edit files: exec-approvals.json written in place with a new token (the
 * document there kept, or the seeded shape where a build removed the file), at the given mode. Returns the new
 * derivation, which the tap then compares connects with.
 */
export async function editSocketTokenFile(o: GroupRunOptions, home: LifecycleHome, mode: number): Promise<string> {
  const { token, derived } = newSocketToken(o, "hand-edited");
  const path = home.sandbox.layout.execApprovalsPath;
  const seeded = execApprovalsDocument(home.sandbox.layout, "shared-socket-token", token) ?? {};
  const found: unknown = await readFile(path, "utf8").then((t) => JSON.parse(t) as unknown, () => null);
  const doc = isRecord(found) ? { ...found, socket: { ...(isRecord(found.socket) ? found.socket : {}), path: home.sandbox.layout.socketPath, token } } : seeded;
  await writeFile(path, `${JSON.stringify(doc, null, 2)}\n`, { mode });
  await chmod(path, mode);
  return derived;
}
