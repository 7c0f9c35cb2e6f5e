import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";

export const scenario: ScenarioDefinition = {
  id: "identity-unavailable-fails-closed",
  claim:
    "An env-selected approval call whose stable device identity cannot be loaded (the process runs as another UID and cannot open the shared state that holds it) fails before opening a gateway connection, so the approval stays pending.",
  group: "isolation",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "env-url", isolation: { namespaces: ["mount", "pid", "uts", "ipc"], otherUser: true } },
  decision: "allow-once",
  expectations: [
    { id: "isolation", expect: { differ: ["mnt", "pid", "uts", "ipc", "uid"], same: ["net"], privateTmp: true } },
    { id: "connections", expect: "none" },
    {
      id: "runtime-log",
      // Which error depends on who hardened the shared state last (EACCES stat of the database, or EPERM chmod of its dir).
      expect: { pattern: "device identity|(EACCES|EPERM).*\\.openclaw/state", meaning: "the client's error names the identity, or the state that holds it (<state>/state, openclaw.sqlite on 2026.9.x), as unusable" },
    },
    { id: "resolve", expect: "refused", by: "client-before-connect" },
    { id: "still-pending", expect: true },
    { id: "requester-decision", expect: "never-allow" },
  ],
  findingWhenObserved:
    "Finding for OpenClaw: the call fails closed, but resolveApprovalOverGateway reports the raw error of the shared state (EACCES: permission denied, stat '<state>/state/openclaw.sqlite', or EPERM: operation not permitted, chmod '<state>/state', depending on who hardened it last), which does not say that the stable device identity is what could not be loaded; the agent gateway tool on the same set-up fails even earlier, reading its config ('Failed to read config … EACCES'), before its own identity message ('remote approval gateway calls require a stable device identity') can apply.",
};
