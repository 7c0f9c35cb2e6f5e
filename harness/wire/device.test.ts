import { createHash, createPublicKey, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDeviceIdentity, deviceAuthPayloadV3, deviceIdFromRawPublicKey, signPayload } from "./device.ts";

describe("device identity", () => {
  it("derives the device id as sha256 of the raw public key", () => {
    const id = createDeviceIdentity();
    // Independent of the module's own helper: hex sha256 of the 32 raw bytes (publicKeyRaw is base64url).
    expect(id.deviceId).toBe(createHash("sha256").update(Buffer.from(id.publicKeyRaw, "base64url")).digest("hex"));
    expect(id.deviceId).toMatch(/^[0-9a-f]{64}$/);
    expect(id.deviceId).toBe(deviceIdFromRawPublicKey(Buffer.from(id.publicKeyRaw, "base64url")));
    expect(Buffer.from(id.publicKeyRaw, "base64url")).toHaveLength(32);
    // The raw key is the public key itself: the last 32 bytes of its SPKI DER.
    const spki = createPublicKey(id.privateKey).export({ format: "der", type: "spki" });
    expect(Buffer.from(id.publicKeyRaw, "base64url").equals(spki.subarray(spki.length - 32))).toBe(true);
  });

  it("builds the v3 payload with lower-cased platform and family", () => {
    const p = deviceAuthPayloadV3({ deviceId: "d", clientId: "gateway-client", clientMode: "backend", role: "operator", scopes: ["a", "b"], signedAtMs: 5, token: null, nonce: "n", platform: "Linux", deviceFamily: "Server" });
    expect(p).toBe("v3|d|gateway-client|backend|operator|a,b|5||n|linux|server");
  });

  it("signs so that the public key verifies", () => {
    const id = createDeviceIdentity();
    const sig = signPayload(id, "payload");
    const pub = createPublicKey(id.privateKey);
    expect(verify(null, Buffer.from("payload"), pub, Buffer.from(sig, "base64url"))).toBe(true);
    expect(verify(null, Buffer.from("other"), pub, Buffer.from(sig, "base64url"))).toBe(false);
  });
});
