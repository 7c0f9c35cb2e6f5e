import type { MutantDefinition } from "../../harness/plan/mutant-types.ts";

export const mutant: MutantDefinition = {
  id: "no-device-on-remote",
  reverts: "On a URL that gets no token the client presents the state dir's stable device identity; this variant presents none.",
  loadedBy: "runtime",
  locators: [{ find: "return params.sendsApprovalRuntimeToken;", replace: "return true;" }],
  catchers: {
    "env-url-omission": ["device-identity"],
    "configured-remote-identity": ["device-identity"],
  },
};
