import type { MutantDefinition } from "../../harness/plan/mutant-types.ts";

export const mutant: MutantDefinition = {
  id: "locality-ignored",
  reverts: "Runtime authority is for local peers only; this gateway trusts a remote peer that presents the derived token.",
  loadedBy: "gateway",
  locators: [{ find: 'const isTrustedApprovalRuntime = pairingLocality !== "remote" && ', replace: "const isTrustedApprovalRuntime = " }],
  catchers: {
    "remote-paired-device-locality": ["resolve", "still-pending", "requester-decision"],
  },
};
