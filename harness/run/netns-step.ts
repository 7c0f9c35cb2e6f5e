import { fileURLToPath } from "node:url";
import { execa } from "execa";
import type { RuntimeOutcome, WireConnection } from "../evidence/types.ts";
import { spawnTrackedRuntime } from "./prepare.ts";
import { createNetns } from "../netns/netns.ts";
import { runtimeInvocation } from "../plan/client-setup.ts";
import type { RuntimeClientSpec } from "../plan/scenario-types.ts";
import { isRecord } from "../wire/frames.ts";
import type { GatewayContext } from "./context.ts";

const TAP_CHILD = fileURLToPath(new URL("../tap/tap-child.ts", import.meta.url));

/**
 * The runtime process in a network namespace of its own (a container sharing OPENCLAW_HOME but not the
 * network). Inside it, a tap on the namespace's loopback forwards over the veth pair to the gateway, so
 * OpenClaw's client still dials a local URL and sends the token, while the gateway sees a non-loopback peer.
 */
export async function runInNetns(spec: RuntimeClientSpec, p: { approvalId: string; decision: string; ctx: GatewayContext }): Promise<{ runtime: RuntimeOutcome; wire: WireConnection[]; note: string }> {
  const { ctx } = p;
  const ns = await createNetns(ctx.trackNetwork);
  try {
    const upstream = `ws://${ns.plan.hostAddr}:${ctx.gateway.port}`;
    const tap = execa(ns.exec[0] as string, [...ns.exec.slice(1), ctx.target.nodePath, TAP_CHILD, upstream], {
      env: { PATH: ctx.baseEnv.PATH ?? "/usr/bin:/bin", SMOKE_TAP_DERIVED: ctx.sandbox.derivedToken },
      extendEnv: false,
      stdin: "pipe",
      reject: false,
      timeout: ctx.timeouts.runtimeProcessMs + 10_000,
      killSignal: "SIGKILL",
      cleanup: true,
    });
    if (tap.pid !== undefined) ctx.trackPid(tap.pid);
    const tapPort = await new Promise<number>((resolve, reject) => {
      let buf = "";
      const t = setTimeout(() => reject(new Error("the namespace tap did not start within 10 s")), 10_000);
      tap.stdout?.on("data", (c: Buffer) => {
        buf += c.toString();
        const m = /\{"tapPort":(\d+)\}/.exec(buf);
        if (m) {
          clearTimeout(t);
          resolve(Number(m[1]));
        }
      });
      void tap.then((r) => reject(new Error(`the namespace tap exited early: ${String(r.stderr).slice(-300)}`)));
    });
    const inv = runtimeInvocation(spec.route, { tapUrl: `ws://127.0.0.1:${tapPort}`, tapPort, gatewayToken: ctx.sandbox.secrets.gatewayToken, unsharedHome: ctx.sandbox.layout.unsharedHome }, spec.home);
    const handle = spawnTrackedRuntime(ctx, inv.env, ns.exec);
    const { outcome } = await handle.resolve({ cfg: inv.cfg, gatewayUrl: inv.gatewayUrl, approvalId: p.approvalId, decision: p.decision }, ctx.timeouts.runtimeProcessMs);
    tap.stdin?.end();
    const r = await tap;
    const wire = parseTapConnections(String(r.stdout));
    return { runtime: outcome, wire, note: `network namespace ${ns.plan.name}: gateway on ${ns.plan.hostAddr}:${ctx.gateway.port}, runtime and tap on ${ns.plan.nsAddr}` };
  } finally {
    await ns.remove();
  }
}

function parseTapConnections(stdout: string): WireConnection[] {
  for (const line of stdout.split("\n")) {
    if (!line.startsWith('{"tapConnections"')) continue;
    const v: unknown = JSON.parse(line);
    if (isRecord(v) && Array.isArray(v.tapConnections)) return v.tapConnections as WireConnection[];
  }
  return [];
}
