import { describe, expect, it } from "vitest";
import { pairedDevices, pendingRequests } from "./pairing.ts";

// The shape device.pair.list answered on 2026.9.6, 2026.6.6 and 2026.6.5 (fields trimmed), as a small hand-made fake.
const LIST = {
  pending: [{ requestId: "req-1", deviceId: "dev-a", publicKey: "k", clientId: "gateway-client", clientMode: "backend", role: "operator", scopes: ["operator.approvals"], remoteIp: "169.254.7.2", silent: false, ts: 1 }],
  paired: [{ deviceId: "dev-b", role: "operator" }],
};

describe("reading device.pair.list", () => {
  it("finds pending requests by device and the paired devices, and survives junk", () => {
    expect(pendingRequests(LIST)).toEqual([{ requestId: "req-1", deviceId: "dev-a" }]);
    expect(pairedDevices(LIST)).toEqual(["dev-b"]);
    expect(pendingRequests({ pending: [{ requestId: 5 }, "x"] })).toEqual([]);
    expect(pendingRequests(null)).toEqual([]);
    expect(pairedDevices({ paired: "nope" })).toEqual([]);
  });
});
