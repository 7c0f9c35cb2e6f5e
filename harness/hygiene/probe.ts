import { connect } from "node:net";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { execa } from "execa";
import type { NetworkResource } from "./checks.ts";
import { liveTracked } from "./pid-identity.ts";

async function commandLine(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/cmdline`, "latin1").catch(() => "")).split("\0").join(" ").trim().slice(0, 120);
}

/** The tracked PIDs (pid → start time when tracked) whose own process still runs, with their command. */
export async function trackedStillRunning(started: ReadonlyMap<number, string | null>): Promise<string[]> {
  return Promise.all(liveTracked(started).map(async (pid) => `pid ${pid}: ${await commandLine(pid)}`));
}

export type IpRunner = (args: string[]) => Promise<{ exitCode: number; stdout: string }>;

const runIp: IpRunner = async (args) => {
  const r = await execa("ip", args, { reject: false, timeout: 10_000 });
  return { exitCode: r.exitCode ?? 1, stdout: String(r.stdout) };
};

/** Which of the namespaces and links this run created still exist (`ip netns list`, `ip link show NAME`). */
export async function remainingNetwork(created: readonly NetworkResource[], ip: IpRunner = runIp): Promise<NetworkResource[]> {
  if (created.length === 0) return [];
  const list = await ip(["netns", "list"]);
  // Fail closed: when the namespaces cannot be listed, none of them is known to be gone.
  const listed = list.exitCode === 0;
  const namespaces = new Set(list.stdout.split("\n").map((l) => l.trim().split(/\s+/)[0]).filter(Boolean));
  const out: NetworkResource[] = [];
  for (const r of created) {
    if (r.kind === "netns" ? !listed || namespaces.has(r.name) : (await ip(["link", "show", r.name])).exitCode === 0) out.push(r);
  }
  return out;
}

/** PIDs (with their command) whose argv or environment mention any of the given sandbox roots. */
export async function processesMentioning(roots: readonly string[]): Promise<string[]> {
  if (roots.length === 0) return [];
  const out: string[] = [];
  for (const name of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    const [cmd, env] = await Promise.all([readFile(`/proc/${name}/cmdline`, "latin1").catch(() => ""), readFile(`/proc/${name}/environ`, "latin1").catch(() => "")]);
    if (roots.some((r) => cmd.includes(r) || env.includes(r))) out.push(`pid ${name}: ${cmd.split("\0").join(" ").slice(0, 120)}`);
  }
  return out;
}

export function isListening(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host });
    const done = (v: boolean): void => {
      s.destroy();
      resolve(v);
    };
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
    s.setTimeout(1000, () => done(false));
  });
}

/** Every file under a folder, as paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

/** Scan each file for known secret values; returns file → secret names found. */
export async function scanFiles(dir: string, files: readonly string[], findIn: (text: string) => string[]): Promise<Map<string, string[]>> {
  const hits = new Map<string, string[]>();
  for (const f of files) hits.set(f, findIn(await readFile(join(dir, f), "utf8").catch(() => "")));
  return hits;
}
