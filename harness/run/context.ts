import type { LegacyApprovalsDetection } from "../target/legacy-approvals.ts";
import type { TokenDerivation } from "../target/token-derivation.ts";
import type { BuildRole } from "../plan/scenario-types.ts";
import type { Timeouts } from "../plan/plan.ts";
import type { Sandbox } from "../sandbox/sandbox.ts";
import type { RunningGateway } from "../gateway/gateway.ts";
import type { Progress } from "../ui/progress.ts";
import type { NetworkResource } from "../hygiene/checks.ts";

export interface Redactor {
  text(s: string): string;
  deep<T>(value: T): T;
  add(secret: { name: string; value: string }): void;
  findIn(text: string): string[];
}

export interface TargetRuntime {
  nodePath: string;
  openclawDir: string;
  /** How the build takes in the legacy exec-approvals.json the sandbox holds (detected once per target). */
  legacyApprovals: LegacyApprovalsDetection;
  /**
   * Other builds a scenario's runtime processes may load instead of openclawDir, by key (ScenarioDefinition
   * clientBuild): a strength run's mutant copies, beside an unmutated gateway. The gateway always runs openclawDir.
   */
  clientBuilds?: Readonly<Record<string, string>>;
  /** This build as the head role: whether it derives the token, how it keeps approvals (read once per target run). */
  self?: RoleBuild;
  /** The base role, for a scenario that spans two builds (the upgrade group); absent where the run holds one build. */
  upgradeBase?: RoleBuild;
}

/** One build by its role in the run (plan/scenario-types.ts BuildRole), with what the harness read from it. */
export interface RoleBuild {
  role: BuildRole;
  openclawDir: string;
  version: string;
  legacyApprovals: LegacyApprovalsDetection;
  tokenDerivation: TokenDerivation;
}

/** A build by role, or an error that says the run holds no such build (a scenario of the upgrade group outside one). */
export function roleBuild(target: TargetRuntime, role: BuildRole): RoleBuild {
  const b = role === "head" ? target.self : target.upgradeBase;
  if (!b) throw new Error(role === "head" ? "this run did not read the target's build (run/target-run.ts)" : "this run holds no base build: an upgrade scenario runs under `proof --upgrade` or `smoke --upgrade-from <build>`");
  return b;
}

/**
 * The target as one scenario sees it: its runtime processes load its client build when it names one. A scenario that
 * names a build the target does not hold fails loudly rather than run the unmutated build.
 */
export function scenarioTarget(target: TargetRuntime, scenario: { id: string; clientBuild?: string }): TargetRuntime {
  if (scenario.clientBuild === undefined) return target;
  const dir = target.clientBuilds?.[scenario.clientBuild];
  if (dir === undefined) throw new Error(`scenario ${scenario.id}: no client build '${scenario.clientBuild}' in this run`);
  return { ...target, openclawDir: dir };
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
  /** Registers network namespaces and links the harness is about to create (absent where none can be made). */
  trackNetwork?(created: NetworkResource[]): void;
  /** Aborted when the harness is interrupted or the gateway dies: every wait in a scenario ends. */
  signal: AbortSignal;
  faults: Faults;
}

/**
 * Faults the harness can inject into itself, to prove it keeps evidence and cleans up (--fault, for tests):
 * kill-gateway-during:<scenario> SIGKILLs the gateway once that scenario's approval exists;
 * freeze-tap:<scenario> makes that scenario's tap swallow every frame.
 */
export interface Faults {
  killGatewayDuring: string | null;
  freezeTap: string | null;
}

export const NO_FAULTS: Faults = { killGatewayDuring: null, freezeTap: null };
