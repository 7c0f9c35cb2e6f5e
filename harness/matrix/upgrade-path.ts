/**
 * One release's upgrade path (`matrix --upgrade-to`), read from its smoke's report: the first scenario of the run
 * that upgrades its gateway (upgrade-live-home by default). Before the bump: the release's own handoff; the bump:
 * whether the socket token survived and where it lived; after it: whether the handoff holds, and whether the target
 * needed a manual step first (the build's own doctor, recorded on the gateway the bump started). Pure.
 */
import type { UpgradePath } from "../evidence/matrix-types.ts";
import type { Report, ScenarioResult, SocketTokenStore, StepRecord } from "../evidence/types.ts";
import { parseLifecycleProfile } from "../evidence/gateway-profile.ts";

function upgradeScenario(report: Report): ScenarioResult | null {
  return report.targets[0]?.scenarios.find((s) => s.steps?.some((x) => x.do === "upgrade-gateway")) ?? null;
}

function beforeOf(steps: readonly StepRecord[], upgradeAt: number): UpgradePath["before"] {
  const resolve = steps.filter((x) => x.index < upgradeAt && x.do === "resolve" && x.observations?.requester).at(-1);
  if (!resolve?.observations) return null;
  return resolve.observations.requester?.finalDecision === "allow-once" && resolve.observations.requester.finalSource === "runtime" ? "resolved" : "refused";
}

/** The path, or null when the report ran no upgrade scenario. */
export function upgradePath(report: Report): UpgradePath | null {
  const s = upgradeScenario(report);
  if (!s) return null;
  const steps = s.steps ?? [];
  const bump = steps.find((x) => x.do === "upgrade-gateway");
  const f = bump?.facts ?? null;
  const readable = (x: SocketTokenStore | null): boolean => x !== null && x.unreadable.length === 0 && x.tokenFingerprints.length > 0;
  const survived = f && readable(f.socketTokenBefore) && readable(f.socketTokenAfter) ? f.socketTokenBefore?.tokenFingerprints.join() === f.socketTokenAfter?.tokenFingerprints.join() : null;
  const locations = f?.socketTokenBefore && f.socketTokenAfter ? { before: f.socketTokenBefore.locations ?? [], after: f.socketTokenAfter.locations ?? [] } : null;
  // The gateway the bump started is the first one on the head build; its state migration is the step the user takes.
  const gateways = report.targets[0]?.gateways.filter((g) => parseLifecycleProfile(g.sandboxProfile)?.scenario === s.id) ?? [];
  const migration = gateways.find((g) => g.build?.role === "head")?.stateMigration ?? null;
  const manualStep = migration ? migration.command : null;
  const before = bump ? beforeOf(steps, bump.index) : null;
  const after = bump ? steps.filter((x) => x.index > bump.index) : [];
  const ran = bump !== undefined && bump.error === null && after.length > 0 && after.every((x) => x.error === null);
  const token = survived === null ? "socket token not observed" : survived ? `socket token kept (${locations?.before.join("+") || "?"} → ${locations?.after.join("+") || "?"})` : "socket token changed";
  if (s.status === "passed") {
    return { outcome: manualStep ? "needs-manual-step" : "works", manualStep, socketTokenSurvived: survived, locations, before, text: `${manualStep ? `works after \`${manualStep}\`` : "works with no manual step"}; ${token}` };
  }
  if (s.status === "failed" && ran) {
    const failed = s.expectations.filter((e) => !e.pass && after.some((x) => e.id.startsWith(`step${x.index}:`))).map((e) => e.id);
    if (failed.length) return { outcome: "breaks", manualStep, socketTokenSurvived: survived, locations, before, text: `breaks after the bump: ${failed.join(", ")} failed; ${token}` };
  }
  return { outcome: "unknown", manualStep, socketTokenSurvived: survived, locations, before, text: `${s.status}: ${s.skipReason ?? s.deciding}` };
}
