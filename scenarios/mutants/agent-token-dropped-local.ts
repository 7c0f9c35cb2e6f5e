import type { MutantDefinition } from "../../harness/plan/mutant-types.ts";

export const mutant: MutantDefinition = {
  id: "agent-token-dropped-local",
  reverts: "The agent gateway tool on its local target attaches the derived approval-runtime token; this variant drops it there.",
  loadedBy: "runtime",
  locators: [{ find: 'if (params.target !== "local") return;\n\treturn getOperatorApprovalRuntimeToken();', replace: 'if (params.target !== "local") return;\n\treturn;' }],
  catchers: {
    "agent-tool-local": ["runtime-token", "resolve", "requester-decision"],
  },
};
