import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { APPROVAL_RUNTIME_TOKEN_CONTEXT, deriveApprovalRuntimeToken, fingerprint } from "./token.ts";

const vectors = JSON.parse(readFileSync(new URL("../../fixtures/vectors/approval-runtime-token.json", import.meta.url), "utf8")) as {
  context: string;
  vectors: Array<{ socketToken: string; derived: string }>;
};

describe("approval-runtime token derivation", () => {
  it("uses the context string of the independently computed vectors", () => {
    expect(APPROVAL_RUNTIME_TOKEN_CONTEXT).toBe(vectors.context);
  });

  it.each(vectors.vectors)("matches the openssl vector for %#", ({ socketToken, derived }) => {
    expect(deriveApprovalRuntimeToken(socketToken)).toBe(derived);
    expect(deriveApprovalRuntimeToken(socketToken)).toHaveLength(43);
  });

  it("differs for a different key", () => {
    const [a, b] = vectors.vectors;
    expect(deriveApprovalRuntimeToken(a!.socketToken)).not.toBe(deriveApprovalRuntimeToken(b!.socketToken));
  });

  it("fingerprints are short, stable and not the secret", () => {
    const fp = fingerprint("s3cret-value-for-fingerprint");
    expect(fp).toMatch(/^[0-9a-f]{12}$/);
    expect(fingerprint("s3cret-value-for-fingerprint")).toBe(fp);
    expect(fp).not.toContain("s3cret");
  });
});
