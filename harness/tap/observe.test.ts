import { describe, expect, it } from "vitest";
import { deriveApprovalRuntimeToken } from "../wire/token.ts";
import { approvalIdOf, grantedScopes, observeConnect } from "./observe.ts";

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

  it("records a malformed token or device as malformed, never as absent", () => {
    const emptyToken = observeConnect({ auth: { approvalRuntimeToken: "" } }, derived);
    expect(emptyToken.approvalRuntimeToken).toBeNull();
    expect(emptyToken.malformed).toEqual(["auth.approvalRuntimeToken: empty string"]);
    expect(observeConnect({ auth: { approvalRuntimeToken: 42 } }, derived).malformed).toEqual(["auth.approvalRuntimeToken: number"]);
    const noId = observeConnect({ device: { publicKey: "k" } }, derived);
    expect(noId.deviceId).toBeNull();
    expect(noId.malformed).toEqual(["device.id: undefined"]);
    expect(observeConnect({ device: "x" }, derived).malformed).toEqual(["device: string"]);
    expect(observeConnect({ auth: { token: "t-long-enough" } }, derived).malformed).toEqual([]);
  });

  it("reads the approval id of approval RPCs and the scopes hello-ok granted", () => {
    expect(approvalIdOf("exec.approval.resolve", { id: "a1", decision: "deny" })).toBe("a1");
    expect(approvalIdOf("approval.resolve", { id: "plugin:a2" })).toBe("plugin:a2");
    expect(approvalIdOf("exec.approval.list", {})).toBeNull();
    expect(approvalIdOf("health", { id: "x" })).toBeNull();
    expect(grantedScopes({ type: "hello-ok", auth: { scopes: ["operator.approvals"] } })).toEqual(["operator.approvals"]);
    expect(grantedScopes({ type: "hello-ok" })).toBeNull();
  });
});
