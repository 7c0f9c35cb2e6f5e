import type { ScenarioDefinition } from "../harness/plan/scenario-types.ts";
import { HANDOFF_SUCCEEDS } from "./_expectations.ts";

export const scenario: ScenarioDefinition = {
  id: "compose-sidecar-readonly-volume",
  claim:
    "A sidecar sharing the gateway's network namespace with the state volume mounted read-only: token selection only reads the shared state, so it still sends the derived token and resolves (OpenClaw's attempt to harden the state's permissions fails on the read-only mount and is skipped).",
  group: "compose",
  sandbox: "compose",
  client: { kind: "compose-sidecar", topology: "readonly-volume", route: "local-config" },
  decision: "allow-once",
  expectations: [
    { id: "url-source", expect: "local loopback" },
    { id: "gateway-peer", expect: "loopback" },
    // Observed on 2026.9.6 and held: the client tries to chmod the state dir and database, gets EROFS, and goes on.
    { id: "runtime-log", expect: { pattern: "skipped permission hardening.*EROFS", meaning: "OpenClaw skips hardening the read-only state and carries on" } },
    ...HANDOFF_SUCCEEDS,
  ],
  findingWhenObserved:
    "With the state volume mounted :ro in the sidecar, OpenClaw's client still reads the socket token and the handoff works: token selection only reads. It tries to chmod the state dir and database on open (EROFS, logged as 'skipped permission hardening') and carries on.",
};
