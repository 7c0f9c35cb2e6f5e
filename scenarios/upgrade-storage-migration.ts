import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_AS_BUILT, HANDOFF_SUCCEEDS, UPGRADE } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "upgrade-storage-migration",
  claim:
    "Across the 2026.8 storage migration (a home whose exec-approvals.json a JSON-era release made, served by a release that keeps approvals in its state database): the socket token moves into the database unchanged, the sidecar resolves, the head's own `approvals set --file` rotates it afterwards (openclaw/openclaw#133773), and a sidecar still on the JSON-era release neither writes a store of its own nor breaks the home for the next.",
  ...UPGRADE,
  firstGateway: "base",
  acrossStorageMigration: true,
  steps: [
    { do: "resolve", by: "runtime", build: "base", expectations: HANDOFF_AS_BUILT },
    {
      do: "upgrade-gateway",
      to: "head",
      facts: [
        { id: "socket-token", expect: "kept" },
        { id: "socket-token-location", expect: "database" },
      ],
    },
    { do: "resolve", by: "runtime", build: "head", expectations: HANDOFF_SUCCEEDS },
    { do: "rotate-socket-token", facts: [{ id: "socket-token", expect: "changed" }] },
    { do: "resolve", by: "runtime", build: "head", expectations: HANDOFF_SUCCEEDS },
    // A sidecar not yet bumped, on a home whose exec-approvals.json the migration removed.
    { do: "resolve", by: "runtime", build: "base", expectations: [...HANDOFF_AS_BUILT, { id: "socket-token-store", expect: "unchanged" }] },
    { do: "resolve", by: "runtime", build: "head", expectations: HANDOFF_SUCCEEDS },
  ],
};
