import type { MutantDefinition } from "../../harness/plan/mutant-types.ts";

export const mutant: MutantDefinition = {
  id: "fallback-local-as-remote",
  reverts: "gateway.mode remote without a remote.url falls back to the local gateway and sends the token; this variant treats that path as remote.",
  loadedBy: "runtime",
  locators: [{ find: 'return urlSource === "local loopback" || urlSource === "missing gateway.remote.url (fallback local)";', replace: 'return urlSource === "local loopback";' }],
  catchers: {
    "fallback-local": ["runtime-token", "device-identity", "resolve", "requester-decision"],
  },
};
