import { describe, expect, it } from "vitest";
import { classifyTokenDerivation } from "./token-derivation.ts";

describe("classifyTokenDerivation", () => {
  it("finds the fix's module by name and label (2026.6.6 and 2026.9.x name it so)", () => {
    const d = classifyTokenDerivation([{ name: "operator-approval-runtime-token-QQd0oTAi.mjs", text: 'const L = "openclaw:gateway-approval-runtime-token:v1";' }]);
    expect(d.derives).toBe(true);
    expect(d.evidence).toContain("operator-approval-runtime-token-QQd0oTAi.mjs");
  });

  it("a build without that module, or with the name but not the label, derives no token", () => {
    expect(classifyTokenDerivation([]).derives).toBe(false);
    expect(classifyTokenDerivation([{ name: "operator-approval-runtime-token-x.js", text: "randomBytes(32)" }]).derives).toBe(false);
    expect(classifyTokenDerivation([{ name: "gateway-x.js", text: "openclaw:gateway-approval-runtime-token:v1" }]).derives).toBe(false);
  });
});
