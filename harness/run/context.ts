import type { Timeouts } from "../plan/plan.ts";
import type { Sandbox } from "../sandbox/sandbox.ts";
import type { RunningGateway } from "../gateway/gateway.ts";
import type { Progress } from "../ui/progress.ts";

export interface Redactor {
  text(s: string): string;
  deep<T>(value: T): T;
  add(secret: { name: string; value: string }): void;
  findIn(text: string): string[];
}

export interface TargetRuntime {
  nodePath: string;
  openclawDir: string;
}

/** Everything a scenario may use while it runs against one gateway. */
export interface GatewayContext {
  sandbox: Sandbox;
  gateway: RunningGateway;
  target: TargetRuntime;
  baseEnv: Record<string, string>;
  redactor: Redactor;
  timeouts: Timeouts;
  progress: Progress;
  /** Registers a PID the harness started, so teardown and hygiene can account for it. */
  trackPid(pid: number): void;
  /** Registers a port the harness listened on. */
  trackPort(port: number): void;
  signal: AbortSignal;
}
