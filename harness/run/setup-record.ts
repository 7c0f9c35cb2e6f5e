import type { ScenarioResult } from "../evidence/types.ts";
import { describeClient, type RuntimeInvocation } from "../plan/client-setup.ts";
import type { ScenarioDefinition } from "../plan/scenario-types.ts";
import type { GatewayContext } from "./context.ts";

/** How the scenario's client was set up, for the report: the invocation actually used, redacted. */
export function setupRecord(s: ScenarioDefinition, ctx: Pick<GatewayContext, "sandbox" | "baseEnv" | "redactor">, inv: RuntimeInvocation | null): ScenarioResult["setup"] {
  const root = ctx.sandbox.layout.root;
  const inSandbox = (v: string): string => v.split(root).join("$SANDBOX");
  if (s.client.kind === "openclaw-runtime") {
    const env = Object.fromEntries(Object.entries({ ...ctx.baseEnv, ...(inv?.env ?? {}) }).map(([k, v]) => [k, inSandbox(v)]));
    return {
      client: s.client.isolation ? "openclaw-runtime (isolated)" : "openclaw-runtime",
      description: describeClient(s.client),
      config: ctx.redactor.deep(inv?.cfg ?? null),
      env: ctx.redactor.deep(env),
      gatewayUrlArg: inv?.gatewayUrl ?? null,
      sandboxProfile: s.sandbox,
      doors: inv?.doors ?? [],
    };
  }
  const c = s.client;
  if (c.kind === "compose-sidecar") return { client: "compose-sidecar", description: `Compose topology ${c.topology}`, config: null, env: {}, gatewayUrlArg: null, sandboxProfile: s.sandbox, doors: [] };
  return {
    client: "wire-probe",
    description: `harness wire client: approvalRuntimeToken=${c.token}, client ${c.clientId}/${c.clientMode}, scopes ${c.scopes.join(",")}${c.device === "paired-remotely" ? ", a device paired through device.pair.approve after a non-local connect" : c.device === "local" ? ", a fresh device presented from loopback" : ", no device"}${c.network === "netns" ? ", from a network namespace of its own" : ""}`,
    config: { token: c.token, clientId: c.clientId, clientMode: c.clientMode, scopes: c.scopes, device: c.device ?? null, network: c.network ?? null },
    env: {},
    gatewayUrlArg: null,
    sandboxProfile: s.sandbox,
    doors: [],
  };
}
