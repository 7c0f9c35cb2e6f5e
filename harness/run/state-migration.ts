/**
 * The build's own `openclaw doctor --fix`, on a build that imports the legacy exec-approvals.json only through it
 * (2026.8.x to 2026.9.5), before a sandbox's first gateway, as a user who upgraded runs it. Shared by the process lane
 * (run/group.ts) and the lifecycle lane (run/lifecycle-gateway.ts). Doing.
 */
import type { StateMigrationRecord } from "../evidence/types.ts";
import { runDoctorFix } from "../sandbox/doctor-fix.ts";
import type { Sandbox } from "../sandbox/sandbox.ts";
import type { GroupRunOptions } from "./lane.ts";
import { timed } from "./phases.ts";

export interface MigrationTarget {
  sandbox: Sandbox;
  port: number;
  baseEnv: Record<string, string>;
  /** What the progress line names (the group's profile, or the lifecycle scenario). */
  what: string;
  logName: string;
  signal: AbortSignal;
  /** The build whose doctor runs (an upgrade's new build); default the target. */
  build?: { openclawDir: string; evidence: string };
}

export async function importLegacyApprovals(o: GroupRunOptions, m: MigrationTarget): Promise<StateMigrationRecord> {
  // The config first: it points OpenClaw's log into the sandbox (doctor would write /tmp/openclaw otherwise).
  await m.sandbox.writeGatewayConfig(m.port);
  const d = o.progress.step(`${o.label}: openclaw doctor --fix (${m.what}): this build imports the legacy exec-approvals.json only through doctor`);
  try {
    const record = await timed("sandbox", () =>
      runDoctorFix({ nodePath: o.target.nodePath, openclawDir: m.build?.openclawDir ?? o.target.openclawDir, env: m.baseEnv, home: m.sandbox.layout.home, legacyFile: m.sandbox.layout.execApprovalsPath, reportFolder: o.reportFolder, logName: m.logName, reason: m.build?.evidence ?? o.target.legacyApprovals.evidence, redactor: o.redactor, signal: m.signal, trackPid: o.trackPid, timeoutMs: o.timeouts.gatewayReadyMs }),
    );
    d.done(`exit ${record.exitCode ?? "none"} in ${(record.durationMs / 1000).toFixed(1)}s`);
    return record;
  } catch (err) {
    d.fail(o.redactor.text(err instanceof Error ? (err.message.split("\n")[0] ?? err.message) : String(err)));
    throw err;
  }
}
