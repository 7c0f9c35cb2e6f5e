import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "isolated-runtime-other-user",
  claim:
    "A namespaced runtime process running as another unprivileged UID/GID, sharing OPENCLAW_HOME through a group-writable volume, cannot take the handoff: OpenClaw keeps its state database owner-only, so the process cannot read the socket token and its resolve is refused.",
  group: "isolation",
  sandbox: "shared-socket-token",
  client: { kind: "openclaw-runtime", route: "local-config", isolation: { namespaces: ["mount", "pid", "uts", "ipc"], otherUser: true } },
  decision: "allow-once",
  expectations: [
    { id: "isolation", expect: { differ: ["mnt", "pid", "uts", "ipc", "uid"], same: ["net"], privateTmp: true } },
    // Which errno depends on who hardened the state last (see the finding); either way OpenClaw gives up on it.
    { id: "runtime-log", expect: { pattern: "SQLite state is unavailable.*(EACCES|EPERM)", meaning: "OpenClaw reports its shared state database unusable (EACCES or EPERM)" } },
    { id: "runtime-token", expect: "not-derived" },
    ...refusedAndPending("no-runtime-authority"),
  ],
  findingWhenObserved:
    "Finding for OpenClaw: with OPENCLAW_HOME shared as a group-writable volume (chgrp -R; chmod -R g+rwX), every OpenClaw process that opens the state re-hardens <state>/state to 0700 and openclaw.sqlite* to 0600. An approval runtime under another UID then gets EACCES on the state database (if another process hardened it after the share) or EPERM when it tries that chmod itself (it is not the owner); either way it reports 'exec approvals SQLite state is unavailable', cannot read the socket token, silently falls back to a per-process random token and is refused (APPROVAL_NOT_FOUND). The handoff of #87105 therefore needs the same UID as the gateway; the failure is only visible in the runtime's log.",
};
