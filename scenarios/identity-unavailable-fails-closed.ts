import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";

export const scenario: ScenarioDefinition = {
  id: "identity-unavailable-fails-closed",
  claim:
    "An env-selected approval call whose stable device identity cannot be loaded (the process runs as another UID and cannot open the shared state) fails before opening a gateway connection, so the approval stays pending.",
  group: "isolation",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "env-url", isolation: { namespaces: ["mount", "pid", "uts", "ipc"], otherUser: true } },
  decision: "allow-once",
  expectations: [
    { id: "isolation", expect: { differ: ["mnt", "pid", "uts", "ipc", "uid"], same: ["net"], privateTmp: true } },
    { id: "connections", expect: "none" },
    { id: "runtime-log", expect: { pattern: "device identity", meaning: "the client's error names the device identity it could not load" } },
    { id: "resolve", expect: "refused", by: "client-before-connect" },
    { id: "still-pending", expect: true },
    { id: "requester-decision", expect: "never-allow" },
  ],
};
