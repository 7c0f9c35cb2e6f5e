import { describe, expect, it } from "vitest";
import { deriveApprovalRuntimeToken } from "../wire/token.ts";
import { observeConnect } from "./observe.ts";

const socket = "socket-token-for-observe-test-0001";
const derived = deriveApprovalRuntimeToken(socket);

describe("observeConnect", () => {
  it("records the token as length, fingerprint and equality, never raw", () => {
    const o = observeConnect({ client: { id: "gateway-client", mode: "backend" }, role: "operator", scopes: ["operator.approvals"], caps: ["approvals"], auth: { token: "gw-secret-token-xyz", approvalRuntimeToken: derived } }, derived);
    expect(o.approvalRuntimeToken).toEqual({ length: 43, fingerprint: expect.stringMatching(/^[0-9a-f]{12}$/), equalsDerived: true });
    expect(o.authFields).toEqual(["approvalRuntimeToken", "token"]);
    expect(JSON.stringify(o)).not.toContain(derived);
    expect(JSON.stringify(o)).not.toContain("gw-secret-token-xyz");
  });

  it("flags a token that is not the derivation", () => {
    const o = observeConnect({ auth: { approvalRuntimeToken: socket } }, derived);
    expect(o.approvalRuntimeToken?.equalsDerived).toBe(false);
    expect(JSON.stringify(o)).not.toContain(socket);
  });

  it("records device id or its absence and survives junk", () => {
    expect(observeConnect({ device: { id: "abc" } }, derived).deviceId).toBe("abc");
    expect(observeConnect({}, derived).deviceId).toBeNull();
    expect(observeConnect("junk", derived)).toMatchObject({ clientId: null, approvalRuntimeToken: null, scopes: [] });
  });
});
