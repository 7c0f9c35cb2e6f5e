import type { MutantDefinition } from "../../harness/plan/mutant-types.ts";

export const mutant: MutantDefinition = {
  id: "derive-other-key",
  reverts: "The runtime token's HMAC key is the trimmed socket token of the shared home; this client keys it with something else.",
  loadedBy: "runtime",
  locators: [{ find: 'createHmac("sha256", socketToken)', replace: 'createHmac("sha256", `${socketToken}\\n`)' }],
  catchers: {
    "local-token-handoff": ["runtime-token", "resolve", "requester-decision"],
  },
};
