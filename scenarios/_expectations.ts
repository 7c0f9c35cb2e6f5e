import type { Expectation, RefusalCheck, ScenarioDefinition } from "../harness/plan/scenario-types.ts";

/** Expectation sets several scenarios share. Data only; the catalog skips files that start with "_". */

/** The handoff works: derived token, no device identity, the resolve succeeds, the requester gets allow-once. */
export const HANDOFF_SUCCEEDS: Expectation[] = [
  { id: "runtime-token", expect: "derived" },
  { id: "device-identity", expect: "absent" },
  { id: "resolve", expect: "succeeded" },
  { id: "requester-decision", expect: "allow-once" },
];

/**
 * The agent tool's handoff works: derived token, the resolve succeeds, the requester gets allow-once. #87105 says
 * which URL sources get the token, not whether a device goes with it, and the agent tool differs by release (none on
 * 2026.6.6, 6.8, 6.33-35 and 9.6; sent with the token on 6.9-11 and 7.1-1 to 9.5): the device is recorded, not
 * judged, and a device sent with the token becomes a finding (harness/judge/wire-findings.ts).
 */
export const AGENT_TOOL_HANDOFF_SUCCEEDS: Expectation[] = HANDOFF_SUCCEEDS.filter((e) => e.id !== "device-identity");

/** Refused by the named gateway check, and refused rather than gone: still pending, and the requester never gets allow. */
export function refusedAndPending(by: RefusalCheck): Expectation[] {
  return [
    { id: "resolve", expect: "refused", by },
    { id: "still-pending", expect: true },
    { id: "requester-decision", expect: "never-allow" },
  ];
}

/**
 * From another container by the gateway's service name: no token, the stable device, and the gateway rejects the
 * connect itself (observed on 2026.9.6: NOT_PAIRED, a non-local device must be paired first); still pending, never allow.
 */
export const OMITS_TOKEN_NOT_PAIRED: Expectation[] = [
  { id: "runtime-token", expect: "absent" },
  { id: "device-identity", expect: "state-identity" },
  ...refusedAndPending("handshake-rejected"),
];

/** The client omits the token and presents the state dir's stable identity, and has no runtime authority. */
export const OMITS_TOKEN_USES_STABLE_IDENTITY: Expectation[] = [
  { id: "runtime-token", expect: "absent" },
  { id: "device-identity", expect: "state-identity" },
  ...refusedAndPending("no-runtime-authority"),
];

/** What every lifecycle scenario shares: its lane, a plain runtime process on the local route, expectations per step. */
export const LIFECYCLE = {
  group: "lifecycle",
  sandbox: "lifecycle",
  client: { kind: "openclaw-runtime", route: "local-config" },
  decision: "allow-once",
  expectations: [],
} as const satisfies Pick<ScenarioDefinition, "group" | "sandbox" | "client" | "decision" | "expectations">;

/**
 * What every upgrade scenario shares: the lifecycle lane, in a group of its own (proof --upgrade, or smoke --scenario
 * with --upgrade-from), so that the default proof pays for none of its second builds.
 */
export const UPGRADE = { ...LIFECYCLE, group: "upgrade" } as const satisfies Pick<ScenarioDefinition, "group" | "sandbox" | "client" | "decision" | "expectations">;

/** A handoff across builds: what the client's build sends, and what the gateway's build decides (judge/handoff-by-builds.ts). */
export const HANDOFF_AS_BUILT: Expectation[] = [{ id: "handoff", expect: "as-the-builds-derive" }];

/** A Compose release bump in OpenClaw's own layout (the upgrade group, Compose lane): the CLI on the generated local URL. */
export function composeBump(bump: "gateway-and-cli" | "gateway-only"): Pick<ScenarioDefinition, "group" | "sandbox" | "client" | "decision"> {
  return { group: "upgrade", sandbox: "compose", client: { kind: "compose-sidecar", topology: "official-cli", route: "local-config", bump }, decision: "allow-once" };
}

/** Over the gateway's loopback, from the door of the generated local URL. */
export const LOCAL_LOOPBACK: Expectation[] = [
  { id: "url-source", expect: "local loopback" },
  { id: "gateway-peer", expect: "loopback" },
];
