/**
 * How a lifecycle scenario's gateways are named in the report (`GatewayRecord.sandboxProfile`): `lifecycle:<scenario>#<n>`
 * in start order, with ` (legacy import)` for a start made only so that the build imports the home's
 * exec-approvals.json. Written by run/lifecycle-gateway.ts, read by bench/units.ts. Pure.
 */
const LEGACY_IMPORT = " (legacy import)";
const PATTERN = /^lifecycle:(.+)#(\d+)( \(legacy import\))?$/;

export function lifecycleProfile(scenarioId: string, n: number, legacyImport: boolean): string {
  return `lifecycle:${scenarioId}#${n}${legacyImport ? LEGACY_IMPORT : ""}`;
}

/** The parts of a lifecycle gateway's profile; null for a group's gateway. */
export function parseLifecycleProfile(profile: string): { scenario: string; n: number; legacyImport: boolean } | null {
  const m = PATTERN.exec(profile);
  return m ? { scenario: m[1] as string, n: Number(m[2]), legacyImport: m[3] !== undefined } : null;
}
