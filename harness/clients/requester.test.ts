import { describe, expect, it } from "vitest";
import { GatewayRequestError } from "../wire/client.ts";
import { rejectedProperty, runtimeRequestParams } from "./requester.ts";

describe("rejectedProperty: an older build's schema, detected from its answer", () => {
  const params = runtimeRequestParams("x");
  const answer = (code: string, message: string): GatewayRequestError => new GatewayRequestError("exec.approval.request", { code, message });

  it("names requireDeliveryRoute when 2026.5.12 rejects it", () => {
    // The answer seen from openclaw 2026.5.12.
    const err = answer("INVALID_REQUEST", "invalid exec.approval.request params: at root: unexpected property 'requireDeliveryRoute'");
    expect(rejectedProperty(err, params)).toBe("requireDeliveryRoute");
  });

  it("leaves every other answer alone: another code, another property, a property not sent, not a gateway answer", () => {
    expect(rejectedProperty(answer("FORBIDDEN", "unexpected property 'requireDeliveryRoute'"), params)).toBeNull();
    expect(rejectedProperty(answer("INVALID_REQUEST", "at root: unexpected property 'command'"), params)).toBeNull();
    expect(rejectedProperty(answer("INVALID_REQUEST", "at root: must have required property 'host'"), params)).toBeNull();
    const { requireDeliveryRoute: _gone, ...without } = params;
    expect(rejectedProperty(answer("INVALID_REQUEST", "unexpected property 'requireDeliveryRoute'"), without)).toBeNull();
    expect(rejectedProperty(new Error("unexpected property 'requireDeliveryRoute'"), params)).toBeNull();
  });
});
