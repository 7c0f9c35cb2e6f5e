import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "no-shared-token-created",
  claim:
    "Shared-token selection only reads an existing socket token: with no exec-approvals.json, a runtime process on the local route creates no socket token (no file, no new row in the state database), so it holds no shared authority and is refused.",
  group: "claim",
  sandbox: "no-socket-token",
  client: { kind: "openclaw-runtime", route: "local-config" },
  decision: "allow-once",
  expectations: [{ id: "socket-token-store", expect: "unchanged" }, { id: "runtime-token", expect: "not-derived" }, ...refusedAndPending("no-runtime-authority")],
};
