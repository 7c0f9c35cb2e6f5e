import type { MutantDefinition } from "../../harness/plan/mutant-types.ts";

export const mutant: MutantDefinition = {
  id: "any-runtime-token-accepted",
  reverts: "The gateway takes an approval-runtime token only if it equals the one derived from its own socket token; this gateway accepts any non-empty one.",
  loadedBy: "gateway",
  // 2026.9.x compares with safeEqualSecret; 2026.6.x with a local tokenMatches.
  locators: [
    { find: "if (safeEqualSecret(token, sharedToken)) return true;", replace: "return true;" },
    { find: "if (tokenMatches(token, sharedToken)) return true;", replace: "return true;" },
  ],
  catchers: {
    "unshared-home-runtime": ["resolve", "still-pending", "requester-decision"],
    "forged-token": ["resolve", "still-pending", "requester-decision"],
  },
};
