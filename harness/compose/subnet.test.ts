import { describe, expect, it } from "vitest";
import { isLinkLocal, overlaps, pickSubnet } from "./subnet.ts";

describe("pickSubnet", () => {
  it("picks a link-local /24 that overlaps nothing in use, never the metadata block", () => {
    const used = ["172.17.0.0/16", "169.254.128.0/17", "169.254.5.0/24", "169.254.7.9"];
    for (let i = 0; i < 200; i += 1) {
      const s = pickSubnet(used, () => i / 200);
      expect(s).not.toBeNull();
      expect(isLinkLocal(s as string)).toBe(true);
      expect(used.some((u) => overlaps(u, s as string))).toBe(false);
      expect(s).not.toBe("169.254.169.0/24");
    }
  });

  it("returns null when every /24 is taken", () => {
    expect(pickSubnet(["169.254.0.0/16"])).toBeNull();
  });

  it("knows overlap and link-local", () => {
    expect(overlaps("169.254.88.0/24", "169.254.0.0/16")).toBe(true);
    expect(overlaps("169.254.88.0/24", "169.254.89.0/24")).toBe(false);
    expect(overlaps("fe80::/64", "169.254.0.0/16")).toBe(false);
    expect(isLinkLocal("169.254.88.0/24")).toBe(true);
    expect(isLinkLocal("172.17.0.0/16")).toBe(false);
    expect(isLinkLocal("169.0.0.0/8")).toBe(false);
  });
});
