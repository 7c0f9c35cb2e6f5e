import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { composeBump, HANDOFF_SUCCEEDS, LOCAL_LOOPBACK } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "compose-upgrade-bump",
  claim:
    "The release bump as a Compose user makes it, in OpenClaw's own layout: a project on the base release's image whose CLI container has used the state, then the image tag moved to the head for both services and `docker compose up -d` recreating them on the same bind-mounted state; the recreated CLI dials the generated local URL, sends the token derived from the socket token the base release wrote, and resolves.",
  ...composeBump("gateway-and-cli"),
  expectations: [...LOCAL_LOOPBACK, ...HANDOFF_SUCCEEDS],
};
