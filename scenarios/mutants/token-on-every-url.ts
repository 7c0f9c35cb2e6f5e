import type { MutantDefinition } from "../../harness/plan/mutant-types.ts";

export const mutant: MutantDefinition = {
  id: "token-on-every-url",
  reverts: "The client sends the approval-runtime token only on the generated local URL and the fallback-local path; this variant sends it on every URL source.",
  loadedBy: "runtime",
  locators: [{ find: 'return urlSource === "local loopback" || urlSource === "missing gateway.remote.url (fallback local)";', replace: "return true;" }],
  catchers: {
    "env-url-omission": ["runtime-token", "device-identity"],
    "configured-remote-identity": ["runtime-token", "device-identity"],
    "explicit-url-omission": ["runtime-token"],
  },
};
