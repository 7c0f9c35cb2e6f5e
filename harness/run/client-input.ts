/** What a client step receives and returns, and the runtime process's stdin built from it: shared by the step's kinds. */
import type { IsolationEvidence, RuntimeOutcome, WireConnection } from "../evidence/types.ts";
import type { RuntimeHandle, RuntimeInput } from "../clients/runtime-process.ts";
import type { RuntimeInvocation } from "../plan/client-setup.ts";
import type { GatewayContext } from "./context.ts";

export interface ClientStepResult {
  runtime: RuntimeOutcome;
  isolation: IsolationEvidence | null;
  /** Wire records made elsewhere than the scenario's host tap (the namespace tap), replacing its own. */
  wire?: WireConnection[];
  /** The invocation used, when it was derived here (in a network namespace, against its own tap). */
  invocation?: RuntimeInvocation;
  note?: string;
}

export interface ClientStepInput {
  scenarioId: string;
  tapUrl: string;
  /** null when the runtime process requests the approval itself. */
  approvalId: string | null;
  decision: string;
  ctx: GatewayContext;
  /** The invocation derived when the scenario was prepared (null for probes and network-namespace clients). */
  invocation: RuntimeInvocation | null;
  /** The runtime process spawned while the gateway started, if any. */
  prepared: RuntimeHandle | null;
  /** The exec.approval.request params for a runtime process that is itself the requester. */
  request?: Record<string, unknown>;
  /** Called once the runtime process has its input (the requester flow lets the admin decide meanwhile). */
  onStarted?: () => void;
}

/** The input the runtime process reads on stdin. Pure. */
export function runtimeInput(inv: RuntimeInvocation, p: Pick<ClientStepInput, "approvalId" | "decision" | "request" | "ctx">): RuntimeInput {
  return {
    cfg: inv.cfg,
    gatewayUrl: inv.gatewayUrl,
    approvalId: p.approvalId,
    decision: p.decision,
    timeoutMs: p.ctx.timeouts.rpcMs,
    ...(inv.api.call === "resolve-over-gateway" && inv.api.approvalKind ? { approvalKind: inv.api.approvalKind } : {}),
    ...(p.request ? { request: p.request } : {}),
  };
}
