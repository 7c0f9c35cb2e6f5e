import { fileURLToPath } from "node:url";
import { execa } from "execa";
import type { WireConnection } from "../evidence/types.ts";
import { spawnTrackedRuntime, prepareInvocation } from "./prepare.ts";
import { createNetns, type Netns } from "../netns/netns.ts";
import type { RuntimeClientSpec } from "../plan/scenario-types.ts";
import type { Tap } from "../tap/tap.ts";
import { isRecord } from "../wire/frames.ts";
import { dyingWithHarness } from "../proc/parent-death.ts";
import type { GatewayContext } from "./context.ts";
import { runtimeInput, type ClientStepInput, type ClientStepResult } from "./client-input.ts";

const TAP_CHILD = fileURLToPath(new URL("../tap/tap-child.ts", import.meta.url));

/**
 * A network namespace of this run's own, joined to the host by a veth pair, with a tap inside it that forwards over
 * the veth to the gateway: whatever dials that tap reaches the gateway as a non-loopback peer. The tap listens on the
 * namespace's loopback (for a process inside it) or on its veth address (for the harness's own client on the host).
 */
export async function withNetnsTap<T>(
  ctx: GatewayContext,
  listen: "loopback" | "veth",
  fn: (ns: Netns, doors: Tap["doors"]) => Promise<T>,
): Promise<{ result: T; wire: WireConnection[]; note: string }> {
  const ns = await createNetns(ctx.trackNetwork);
  try {
    const upstream = `ws://${ns.plan.hostAddr}:${ctx.gateway.port}`;
    const tap = execa(...dyingWithHarness([...ns.exec, ctx.target.nodePath, TAP_CHILD, upstream, listen === "veth" ? ns.plan.nsAddr : "127.0.0.1"]), {
      env: { PATH: ctx.baseEnv.PATH ?? "/usr/bin:/bin", SMOKE_TAP_DERIVED: ctx.sandbox.derivedToken },
      extendEnv: false,
      stdin: "pipe",
      reject: false,
      timeout: ctx.timeouts.runtimeProcessMs + 30_000,
      killSignal: "SIGKILL",
      cleanup: true,
    });
    if (tap.pid !== undefined) ctx.trackPid(tap.pid);
    try {
      const doors = await new Promise<Tap["doors"]>((resolve, reject) => {
        let buf = "";
        const t = setTimeout(() => reject(new Error("the namespace tap did not start within 10 s")), 10_000);
        tap.stdout?.on("data", (c: Buffer) => {
          buf += c.toString();
          const line = buf.split("\n").find((l) => l.startsWith('{"tapDoors"'));
          if (line) {
            clearTimeout(t);
            resolve((JSON.parse(line) as { tapDoors: Tap["doors"] }).tapDoors);
          }
        });
        void tap.then((r) => reject(new Error(`the namespace tap exited early: ${String(r.stderr).slice(-300)}`)));
      });
      const result = await fn(ns, doors);
      tap.stdin?.end();
      const r = await tap;
      return { result, wire: parseTapConnections(String(r.stdout)), note: `network namespace ${ns.plan.name}: gateway on ${ns.plan.hostAddr}:${ctx.gateway.port}, tap on ${listen === "veth" ? ns.plan.nsAddr : `${ns.plan.nsAddr} (its loopback)`}` };
    } finally {
      tap.kill("SIGKILL");
      await tap.catch(() => undefined);
    }
  } finally {
    await ns.remove();
  }
}

/**
 * The runtime process in a network namespace of its own (a container sharing OPENCLAW_HOME but not the network).
 * OpenClaw's client dials the namespace tap on its local URL and sends the token, while the gateway sees a
 * non-loopback peer. Its invocation is derived here, once the namespace tap's doors are known.
 */
export async function runInNetns(spec: RuntimeClientSpec, p: ClientStepInput): Promise<ClientStepResult> {
  const { ctx } = p;
  const r = await withNetnsTap(ctx, "loopback", async (ns, doors) => {
    const inv = await prepareInvocation(spec, p.scenarioId, doors, ctx.sandbox);
    if (!inv) throw new Error("no invocation for a runtime client");
    const handle = spawnTrackedRuntime(ctx, inv, ns.exec);
    const { outcome } = await handle.resolve(runtimeInput(inv, p), ctx.timeouts.runtimeProcessMs);
    return { outcome, inv };
  });
  return { runtime: r.result.outcome, isolation: null, wire: r.wire, invocation: r.result.inv, note: r.note };
}

function parseTapConnections(stdout: string): WireConnection[] {
  for (const line of stdout.split("\n")) {
    if (!line.startsWith('{"tapConnections"')) continue;
    const v: unknown = JSON.parse(line);
    if (isRecord(v) && Array.isArray(v.tapConnections)) return v.tapConnections as WireConnection[];
  }
  return [];
}
