import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_AS_BUILT, HANDOFF_SUCCEEDS, UPGRADE } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "upgrade-live-home",
  claim:
    "A home that the base release made and used is served by the head after a release bump (the gateway stopped, the head started on the same home and port, any migration at that start, as `docker compose up -d` on the same volume does): the socket token survives, and the home's sidecar, bumped too, resolves with no manual step.",
  ...UPGRADE,
  firstGateway: "base",
  steps: [
    // The home in use on the base release: its sidecar's resolve goes as that release decides (refused before the fix).
    { do: "resolve", by: "runtime", build: "base", expectations: HANDOFF_AS_BUILT },
    { do: "upgrade-gateway", to: "head", facts: [{ id: "socket-token", expect: "kept" }, { id: "gateway-pid", expect: "new" }] },
    { do: "resolve", by: "runtime", build: "head", expectations: HANDOFF_SUCCEEDS },
  ],
};
