import type { MutantDefinition } from "../../harness/plan/mutant-types.ts";

export const mutant: MutantDefinition = {
  id: "derive-other-label",
  reverts: "Every process derives the runtime token as HMAC-SHA256 of the label openclaw:gateway-approval-runtime-token:v1 under the socket token; this client derives it under another label.",
  loadedBy: "runtime",
  locators: [{ find: '"openclaw:gateway-approval-runtime-token:v1"', replace: '"openclaw:gateway-approval-runtime-token:v0"' }],
  catchers: {
    "local-token-handoff": ["runtime-token", "resolve", "requester-decision"],
  },
};
