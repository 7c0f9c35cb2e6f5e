import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";

export const scenario: ScenarioDefinition = {
  id: "identity-unavailable-fails-closed",
  claim:
    "An env-selected approval call whose stable device identity cannot be loaded (the process runs as another UID to which the home was not shared, so it can neither read nor create an identity there) fails before opening a gateway connection, so the approval stays pending.",
  group: "isolation",
  sandbox: "owner-only",
  client: { kind: "openclaw-runtime", route: "env-url", isolation: { namespaces: ["mount", "pid", "uts", "ipc"], otherUser: true, shareHome: false } },
  decision: "allow-once",
  expectations: [
    { id: "isolation", expect: { differ: ["mnt", "pid", "uts", "ipc", "uid"], same: ["net"], privateTmp: true } },
    { id: "connections", expect: "none" },
    {
      id: "runtime-log",
      // 2026.9.x keeps the identity in <state>/state/openclaw.sqlite (and locks it under <state>/tmp), 2026.6.x in
      // <state>/identity: the error names one of them.
      expect: { pattern: "device identity|(EACCES|EPERM).*\\.openclaw/(identity|state|tmp)\\b", meaning: "the client's error names the identity, or where the state dir keeps it (identity/, state/, its lock under tmp/), as unusable" },
    },
    { id: "resolve", expect: "refused", by: "client-before-connect" },
    { id: "still-pending", expect: true },
    { id: "requester-decision", expect: "never-allow" },
  ],
  findingWhenObserved:
    "Finding for OpenClaw: the call fails closed, but resolveApprovalOverGateway reports the raw error of the state dir (EACCES or EPERM on a path under <state>), which does not say that the stable device identity is what could not be loaded; only the agent gateway tool wraps it ('remote approval gateway calls require a stable device identity').",
};
