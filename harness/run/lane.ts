/**
 * The lane seam: what a group executor (a lane) receives and returns. The process lane (run/group.ts) and the Compose
 * lane (compose/lane.ts) implement it; the CLI's registry (cli/lanes.ts) lists them, and each scenario group runs in
 * the first lane that takes its sandbox profile. Nothing in run/ knows a lane but the process lane by name.
 */
import type { GatewayRecord, HygieneCheck, ScenarioResult } from "../evidence/types.ts";
import type { RunningGateway } from "../gateway/gateway.ts";
import type { NetworkResource } from "../hygiene/checks.ts";
import type { GatewayGroup, Timeouts } from "../plan/plan.ts";
import type { SandboxProfile } from "../plan/scenario-types.ts";
import type { Progress } from "../ui/progress.ts";
import type { Faults, Redactor, TargetRuntime } from "./context.ts";
import type { RunLocks } from "../hygiene/locks.ts";
import type { ReapResult } from "../hygiene/reap.ts";

export interface GroupRunOptions {
  label: string; // e.g. "head" or "single"
  group: GatewayGroup;
  target: TargetRuntime;
  redactor: Redactor;
  timeouts: Timeouts;
  progress: Progress;
  reportFolder: string;
  keep: boolean;
  concurrency: number;
  compileCacheDir: string | null;
  signal: AbortSignal;
  trackPid(pid: number): void;
  trackPort(port: number): void;
  trackSandbox(root: string): void;
  trackNetwork(created: NetworkResource[]): void;
  /** Registers an id under which the lane's own objects live (the Compose lane: its Docker objects' label), for its leftovers check. */
  trackLeftovers(id: string): void;
  /**
   * Give the group's gateway slot back once its scenarios are done, before its teardown (gateway stop, sandbox
   * removal): the next unit starts meanwhile, and the run still waits for the teardown before its hygiene checks.
   * Freed at the group's end when never called.
   */
  releaseSlot(): void;
  /** Fault injection hook for tests: called once the gateway is ready. */
  onGatewayReady?: (g: RunningGateway) => void;
  faults: Faults;
}

export interface GroupRunResult {
  /** One per gateway the group started (the Compose lane starts one per topology). */
  gateways: GatewayRecord[];
  scenarios: ScenarioResult[];
  aborted: string | null;
  locks: RunLocks;
}

/** What a lane's runs leave beside PIDs, ports, sandboxes and namespaces, which the run tracks for every lane. */
export interface LaneLeftovers {
  /** The end-of-run hygiene check over the ids the lane's groups registered (trackLeftovers). */
  check(ids: readonly string[]): Promise<HygieneCheck>;
  /** Remove them synchronously, from the harness's exit handler. Never throws. */
  removeSync(ids: readonly string[]): void;
  /** Before a run: remove what runs whose harness is gone left in this lane (hygiene/reap.ts). Never throws. */
  reapDead?(): Promise<ReapResult>;
}

export interface Lane {
  /** A short name, for messages and the tracker. */
  readonly name: string;
  /** The sandbox profiles whose groups this lane runs. */
  readonly profiles: readonly SandboxProfile[];
  /** One group: start what it needs, run its scenarios, tear down what it started (also on failure: GroupFailed). */
  run(o: GroupRunOptions): Promise<GroupRunResult>;
  leftovers?: LaneLeftovers;
}

/** The lane that runs a group, or null when no lane takes its profile. Pure. */
export function laneFor(lanes: readonly Lane[], group: Pick<GatewayGroup, "profile">): Lane | null {
  return lanes.find((l) => l.profiles.includes(group.profile)) ?? null;
}

/** A group that failed: the failure, and the record of the gateway it started (its log file, exit, stop), kept in the report. */
export class GroupFailed extends Error {
  readonly failure: unknown;
  readonly gateway: GatewayRecord;
  constructor(failure: unknown, gateway: GatewayRecord) {
    super(failure instanceof Error ? failure.message : String(failure));
    this.name = "GroupFailed";
    this.failure = failure;
    this.gateway = gateway;
  }
}
