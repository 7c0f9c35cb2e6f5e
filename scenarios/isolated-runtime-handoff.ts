import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";

export const scenario: ScenarioDefinition = {
  id: "isolated-runtime-handoff",
  claim:
    "A runtime process behind container-like boundaries (new mount, PID, UTS and IPC namespaces, private /tmp, own hostname) that shares only OPENCLAW_HOME and the host network still receives the local token handoff.",
  group: "isolation",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "local-config", isolation: { namespaces: ["mount", "pid", "uts", "ipc"], otherUser: false } },
  decision: "allow-once",
  expectations: [
    { id: "isolation", expect: { differ: ["mnt", "pid", "uts", "ipc"], same: ["net"], privateTmp: true } },
    { id: "runtime-token", expect: "derived" },
    { id: "device-identity", expect: "absent" },
    { id: "resolve", expect: "succeeded" },
    { id: "requester-decision", expect: "allow-once" },
  ],
};
