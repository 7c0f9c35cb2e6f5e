import { execFileSync } from "node:child_process";
import { execa } from "execa";
import { StepError } from "../errors.ts";
import { dyingWithHarness } from "../proc/parent-death.ts";
import { OWNER_LABEL, RUN_LABEL } from "./topology.ts";

/** The Docker CLI and Compose the lane drives; every call has a timeout and ends with its exit code and stderr. */
export interface DockerTools {
  engineVersion: string;
  /** `docker compose` (v2) where present, else `docker-compose` (v1): argv prefix and "name version". */
  compose: { argv: string[]; label: string };
}

export type DockerAvailability = { ok: true; tools: DockerTools } | { ok: false; reason: string; enable: string };

export const ENABLE_DOCKER = "apt-get install -y docker.io docker-compose && dockerd & (or set CI=true and run .ci/run)";

export interface CallResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Run one docker or compose command; never throws (the caller decides). */
export async function call(argv: readonly string[], opts: { timeoutMs: number; input?: string; env?: Record<string, string>; cwd?: string }): Promise<CallResult> {
  const r = await execa(...dyingWithHarness(argv), {
    reject: false,
    timeout: opts.timeoutMs,
    killSignal: "SIGKILL",
    cleanup: true,
    stripFinalNewline: true,
    ...(opts.input !== undefined ? { input: opts.input } : { stdin: "ignore" }),
    ...(opts.env ? { env: opts.env, extendEnv: true } : {}),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    maxBuffer: 16 * 1024 * 1024,
  });
  return { code: r.exitCode ?? null, stdout: String(r.stdout ?? ""), stderr: String(r.stderr ?? ""), timedOut: r.timedOut === true };
}

/** Like call, but a failure is a StepError with the command, the exit code, the stderr tail and what to do next. */
export async function must(step: string, argv: readonly string[], opts: Parameters<typeof call>[1] & { next?: string; redact?: (s: string) => string }): Promise<string> {
  const r = await call(argv, opts);
  if (r.code === 0) return r.stdout;
  const redact = opts.redact ?? ((s: string) => s);
  throw new StepError(step, r.timedOut ? `timed out after ${opts.timeoutMs} ms` : `exited with code ${r.code ?? "none"}`, {
    command: argv.join(" "),
    exitCode: r.code,
    logTail: redact(`${r.stderr}\n${r.stdout}`.trim().split("\n").slice(-12).join("\n")),
    next: opts.next ?? "read the output above; `docker ps -a` and `docker info` show the daemon's state",
  });
}

/** A reachable Docker daemon and a Compose, or why not and the command that would enable the lane. */
export async function detectDocker(): Promise<DockerAvailability> {
  const engine = await call(["docker", "version", "--format", "{{.Server.Version}}"], { timeoutMs: 30_000 }).catch((err: unknown) => ({ code: null, stdout: "", stderr: String(err), timedOut: false }));
  if (engine.code !== 0 || !engine.stdout.trim()) {
    const why = (engine.stderr.split("\n").find((l) => l.trim()) ?? "no answer").slice(0, 160);
    return { ok: false, reason: `no reachable Docker daemon (docker version: ${why})`, enable: ENABLE_DOCKER };
  }
  const v2 = await call(["docker", "compose", "version", "--short"], { timeoutMs: 60_000 }).catch(() => null);
  if (v2?.code === 0 && v2.stdout.trim()) return { ok: true, tools: { engineVersion: engine.stdout.trim(), compose: { argv: ["docker", "compose"], label: `docker compose ${v2.stdout.trim()}` } } };
  const v1 = await call(["docker-compose", "version", "--short"], { timeoutMs: 60_000 }).catch(() => null);
  if (v1?.code === 0 && v1.stdout.trim()) return { ok: true, tools: { engineVersion: engine.stdout.trim(), compose: { argv: ["docker-compose"], label: `docker-compose ${v1.stdout.trim()}` } } };
  return { ok: false, reason: "Docker is reachable but neither `docker compose` (v2) nor `docker-compose` (v1) is installed", enable: "apt-get install -y docker-compose" };
}

export type LabelledKind = "container" | "network" | "volume";

const LIST: Record<LabelledKind, string[]> = {
  container: ["docker", "ps", "-aq"],
  network: ["docker", "network", "ls", "-q"],
  volume: ["docker", "volume", "ls", "-q"],
};

const LIST_FORMATTED: Record<LabelledKind, string[]> = {
  container: ["docker", "ps", "-a"],
  network: ["docker", "network", "ls"],
  volume: ["docker", "volume", "ls"],
};

const REMOVE: Record<LabelledKind, string[]> = {
  container: ["docker", "rm", "-f", "-v"],
  network: ["docker", "network", "rm"],
  volume: ["docker", "volume", "rm", "-f"],
};

/** The containers, networks and volumes that carry this run's label, as "kind id". */
export async function labelledObjects(runId: string): Promise<string[]> {
  const out: string[] = [];
  for (const kind of ["container", "network", "volume"] as const) {
    const r = await call([...LIST[kind], "--filter", `label=${RUN_LABEL}=${runId}`], { timeoutMs: 20_000 });
    if (r.code !== 0) out.push(`${kind} list failed: ${r.stderr.split("\n")[0] ?? ""}`);
    else out.push(...r.stdout.split("\n").filter(Boolean).map((id) => `${kind} ${id}`));
  }
  return out;
}

/** Every run that has labelled objects on this daemon, with its owner label (empty when an object has none). Never throws. */
export async function labelledRuns(): Promise<Map<string, string>> {
  const runs = new Map<string, string>();
  const format = `{{.Label "${RUN_LABEL}"}}\t{{.Label "${OWNER_LABEL}"}}`;
  const lists = await Promise.all((["container", "network", "volume"] as const).map((kind) => call([...LIST_FORMATTED[kind], "--filter", `label=${RUN_LABEL}`, "--format", format], { timeoutMs: 20_000 }).catch(() => null)));
  for (const r of lists) {
    if (r?.code !== 0) continue;
    for (const line of r.stdout.split("\n").filter(Boolean)) {
      const [run = "", owner = ""] = line.split("\t");
      if (run && !runs.get(run)) runs.set(run, owner);
    }
  }
  return runs;
}

/** Remove whatever still carries this run's label: containers first, then networks and volumes. Never throws. */
export async function removeLabelled(runId: string): Promise<void> {
  for (const kind of ["container", "network", "volume"] as const) {
    const r = await call([...LIST[kind], "--filter", `label=${RUN_LABEL}=${runId}`], { timeoutMs: 20_000 }).catch(() => null);
    const ids = r?.code === 0 ? r.stdout.split("\n").filter(Boolean) : [];
    if (ids.length) await call([...REMOVE[kind], ...ids], { timeoutMs: 60_000 }).catch(() => null);
  }
}

/** The same, synchronously, for the harness's exit handler (after a signal). Never throws. */
export function removeLabelledSync(runIds: readonly string[]): void {
  for (const runId of runIds) {
    for (const kind of ["container", "network", "volume"] as const) {
      try {
        const ids = execFileSync(LIST[kind][0] as string, [...LIST[kind].slice(1), "--filter", `label=${RUN_LABEL}=${runId}`], { timeout: 15_000, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
          .split("\n")
          .filter(Boolean);
        if (ids.length) execFileSync(REMOVE[kind][0] as string, [...REMOVE[kind].slice(1), ...ids], { timeout: 30_000, stdio: "ignore" });
      } catch {
        // the daemon is gone or the object too
      }
    }
  }
}

/** Every IPv4 subnet Docker networks use and every IPv4 route and address of the host, for the collision check. */
export async function subnetsInUse(): Promise<string[]> {
  const ids = await call(["docker", "network", "ls", "-q"], { timeoutMs: 20_000 });
  const nets = ids.code === 0 && ids.stdout.trim() ? await call(["docker", "network", "inspect", "--format", "{{range .IPAM.Config}}{{.Subnet}} {{end}}", ...ids.stdout.split("\n").filter(Boolean)], { timeoutMs: 20_000 }) : null;
  const routes = await call(["ip", "-4", "-o", "route", "show", "table", "all"], { timeoutMs: 10_000 }).catch(() => null);
  const addrs = await call(["ip", "-4", "-o", "addr", "show"], { timeoutMs: 10_000 }).catch(() => null);
  const fromRoutes = (routes?.stdout ?? "").split("\n").map((l) => l.split(/\s+/).find((w) => /^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(w)) ?? "");
  const fromAddrs = [...(addrs?.stdout ?? "").matchAll(/inet (\d+\.\d+\.\d+\.\d+\/\d+)/g)].map((m) => m[1] ?? "");
  return [...(nets?.stdout ?? "").split(/\s+/), ...fromRoutes, ...fromAddrs].filter(Boolean);
}
