import type { MutantDefinition } from "../../harness/plan/mutant-types.ts";

export const mutant: MutantDefinition = {
  id: "agent-token-any-target",
  reverts: "The agent gateway tool attaches the approval-runtime token only when its target is local; this variant attaches it for any target.",
  loadedBy: "runtime",
  locators: [{ find: 'if (params.target !== "local") return;\n\treturn getOperatorApprovalRuntimeToken();', replace: "return getOperatorApprovalRuntimeToken();" }],
  catchers: {
    "agent-tool-env-url": ["runtime-token"],
    "agent-tool-config-remote-url": ["runtime-token"],
  },
};
