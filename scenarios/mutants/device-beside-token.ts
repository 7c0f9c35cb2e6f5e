import type { MutantDefinition } from "../../harness/plan/mutant-types.ts";

export const mutant: MutantDefinition = {
  id: "device-beside-token",
  reverts: "A client that sends the approval-runtime token omits the device identity; this variant sends the device beside the token.",
  loadedBy: "runtime",
  locators: [{ find: "return params.sendsApprovalRuntimeToken;", replace: "return false;" }],
  catchers: {
    "local-token-handoff": ["device-identity"],
    "fallback-local": ["device-identity"],
  },
};
