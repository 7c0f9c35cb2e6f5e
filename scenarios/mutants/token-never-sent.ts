import type { MutantDefinition } from "../../harness/plan/mutant-types.ts";

export const mutant: MutantDefinition = {
  id: "token-never-sent",
  reverts: "A separate process on the generated local URL sends the derived approval-runtime token; this variant never sends it.",
  loadedBy: "runtime",
  locators: [{ find: 'return urlSource === "local loopback" || urlSource === "missing gateway.remote.url (fallback local)";', replace: "return false;" }],
  catchers: {
    "local-token-handoff": ["runtime-token", "resolve", "requester-decision"],
    "fallback-local": ["runtime-token", "resolve", "requester-decision"],
  },
};
