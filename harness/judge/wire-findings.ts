import type { Observations } from "../evidence/types.ts";

/**
 * Findings read from the wire whatever the scenario expects. Pure.
 * - A connect that carries the derived approval-runtime token and a device identity too. #87105 does not say what the
 *   token path does with the device; OpenClaw's own resolver omits it exactly when it sends the token (every build
 *   run here), while the agent tool sends both on some releases (2026.6.9-2026.6.11, 2026.7.x-2026.9.5). Recorded so
 *   that a matrix shows where, without calling the fix broken.
 */
export function wireFindings(obs: Observations): string[] {
  const both = obs.wire.filter((w) => w.connect?.approvalRuntimeToken?.equalsDerived === true && w.connect.deviceId !== null);
  if (both.length === 0) return [];
  const answer = both.every((w) => w.hello?.ok === true) ? "the gateway answered hello-ok" : "the gateway did not answer every such connect with hello-ok";
  return [`the runtime presented a device identity together with the derived approval-runtime token; ${answer}`];
}
