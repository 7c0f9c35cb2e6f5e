import { createHmac, randomBytes } from "node:crypto";
import type { ProbeToken } from "../plan/scenario-types.ts";
import { APPROVAL_RUNTIME_TOKEN_CONTEXT, deriveApprovalRuntimeToken } from "../wire/token.ts";

/** The approvalRuntimeToken value a probe presents. Pure but for fresh randomness where the probe needs a stranger's key. */
export function probeTokenValue(kind: ProbeToken, socketToken: string): string | null {
  switch (kind) {
    case "none":
      return null;
    case "derived":
      return deriveApprovalRuntimeToken(socketToken);
    case "raw-socket-token":
      return socketToken;
    case "forged-key":
      // The right construction under a wrong key.
      return createHmac("sha256", `${socketToken}-wrong`).update(APPROVAL_RUNTIME_TOKEN_CONTEXT).digest("base64url");
    case "foreign-home":
      // Derived, correctly, from another sandbox's socket token.
      return deriveApprovalRuntimeToken(randomBytes(32).toString("base64url"));
  }
}
