import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { refusedAndPending } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "compose-sidecar-other-uid",
  claim:
    "A sidecar sharing the gateway's network namespace and state volume but running as another uid than the one owning the volume cannot read the shared state, so it cannot derive the token and is refused; it never allows.",
  group: "compose",
  sandbox: "compose",
  client: { kind: "compose-sidecar", topology: "other-uid", route: "local-config" },
  decision: "allow-once",
  expectations: [
    { id: "url-source", expect: "local loopback" },
    { id: "runtime-log", expect: { pattern: "EACCES|EPERM|permission denied|unavailable", meaning: "OpenClaw reports the shared state unreadable" } },
    { id: "runtime-token", expect: "not-derived" },
    ...refusedAndPending("no-runtime-authority"),
  ],
};
