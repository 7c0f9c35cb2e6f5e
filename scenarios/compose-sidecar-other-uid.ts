import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "compose-sidecar-other-uid",
  claim:
    "A sidecar sharing the gateway's network namespace and state volume but running as another uid than the one owning the volume cannot use the shared state (OpenClaw keeps it owner-only), so the handoff fails before any frame, with the error the runtime got recorded; it never allows.",
  group: "compose",
  sandbox: "compose",
  client: { kind: "compose-sidecar", topology: "other-uid", route: "local-config" },
  decision: "allow-once",
  expectations: [
    // Observed on 2026.9.6: uid 1001 cannot search the uid-1000 state dir (0700), cannot prove the retired
    // exec-approvals.json absent, and OpenClaw's migration gate fails closed with this error.
    { id: "runtime-log", expect: { pattern: "ExecApprovalsMigrationRequiredError|Legacy exec approvals exist|EACCES|EPERM", meaning: "OpenClaw cannot use the shared state under another uid" } },
    { id: "connections", expect: "none" },
    ...refusedAndPending("client-before-connect"),
  ],
  findingWhenObserved:
    "Finding for OpenClaw: a sidecar running as another uid than the state volume's owner (uid 1001 against 1000) fails before connecting with ExecApprovalsMigrationRequiredError 'Legacy exec approvals exist at /home/node/.openclaw/exec-approvals.json. Run `openclaw doctor --fix`', although the gateway had imported and removed that file: the real cause is that the owner-only state dir cannot be read by that uid, which the message does not say. Run the sidecar as the volume's owner (the image's node user).",
};
