import { createHash, createHmac } from "node:crypto";

/** The HMAC context string OpenClaw (>= 2026.6.6) uses to derive the approval-runtime token. */
export const APPROVAL_RUNTIME_TOKEN_CONTEXT = "openclaw:gateway-approval-runtime-token:v1";

/** base64url(HMAC-SHA256(key = trimmed socket token, message = context)): 43 characters. */
export function deriveApprovalRuntimeToken(socketToken: string): string {
  return createHmac("sha256", socketToken.trim()).update(APPROVAL_RUNTIME_TOKEN_CONTEXT).digest("base64url");
}

/** A short, non-reversible fingerprint safe to print: first 12 hex chars of sha256. */
export function fingerprint(secret: string): string {
  return createHash("sha256").update(secret).digest("hex").slice(0, 12);
}
