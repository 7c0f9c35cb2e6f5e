import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_SUCCEEDS } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "compose-sidecar-readonly-volume",
  claim:
    "A sidecar sharing the gateway's network namespace with the state volume mounted read-only: token selection only reads the shared state, so it still sends the derived token and resolves.",
  group: "compose",
  sandbox: "compose",
  client: { kind: "compose-sidecar", topology: "readonly-volume", route: "local-config" },
  decision: "allow-once",
  expectations: [{ id: "url-source", expect: "local loopback" }, ...HANDOFF_SUCCEEDS],
};
