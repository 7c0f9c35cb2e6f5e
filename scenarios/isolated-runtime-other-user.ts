import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { REFUSED_AND_PENDING } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "isolated-runtime-other-user",
  claim:
    "A namespaced runtime process running as another unprivileged UID/GID, sharing OPENCLAW_HOME through a group-writable volume, cannot take the handoff: OpenClaw keeps its state database owner-only, so the process cannot read the socket token and its resolve is refused.",
  group: "isolation",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "local-config", isolation: { namespaces: ["mount", "pid", "uts", "ipc"], otherUser: true } },
  decision: "allow-once",
  requires: ["root", "unshare"],
  expectations: [
    { id: "isolation", expect: { differ: ["mnt", "pid", "uts", "ipc", "uid"], same: ["net"], privateTmp: true } },
    { id: "runtime-log", expect: { pattern: "EACCES.*state/openclaw\\.sqlite", meaning: "permission denied on the shared state database" } },
    { id: "runtime-token", expect: "not-derived" },
    ...REFUSED_AND_PENDING,
  ],
  findingWhenObserved:
    "Finding for OpenClaw: with OPENCLAW_HOME shared as a group-writable volume (chgrp -R; chmod -R g+rwX), the gateway re-hardens <state>/state to 0700 and openclaw.sqlite* to 0600, so an approval runtime under another UID gets EACCES on the state database, cannot read the socket token, silently falls back to a per-process random token and is refused (APPROVAL_NOT_FOUND). The handoff of #87105 therefore needs the same UID as the gateway; the failure is only visible in the runtime's log.",
};
