import type { Expectation } from "../harness/plan/scenario-types.ts";

/** Expectation sets several scenarios share. Data only; the catalog skips files that start with "_". */

/** The handoff works: derived token, no device identity, the resolve succeeds, the requester gets allow-once. */
export const HANDOFF_SUCCEEDS: Expectation[] = [
  { id: "runtime-token", expect: "derived" },
  { id: "device-identity", expect: "absent" },
  { id: "resolve", expect: "succeeded" },
  { id: "requester-decision", expect: "allow-once" },
];

/** Refused, and refused rather than gone: the approval stays pending and the requester never gets allow. */
export const REFUSED_AND_PENDING: Expectation[] = [
  { id: "resolve", expect: "refused" },
  { id: "still-pending", expect: true },
  { id: "requester-decision", expect: "never-allow" },
];

/** The client omits the token and presents the state dir's stable identity, and cannot resolve. */
export const OMITS_TOKEN_USES_STABLE_IDENTITY: Expectation[] = [
  { id: "runtime-token", expect: "absent" },
  { id: "device-identity", expect: "state-identity" },
  ...REFUSED_AND_PENDING,
];
