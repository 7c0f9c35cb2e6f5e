import { describe, expect, it } from "vitest";
import { inNamespace, netnsPlan, setupCommands, teardownCommands } from "./plan.ts";

describe("network namespace plan (pure)", () => {
  const p = netnsPlan("a1b2c3d4e5", 17);

  it("names fit the 15-character interface limit and addresses are this run's own link-local /30", () => {
    expect(p.hostIf.length).toBeLessThanOrEqual(15);
    expect(p.nsIf.length).toBeLessThanOrEqual(15);
    expect([p.hostAddr, p.nsAddr, p.prefix]).toEqual(["169.254.17.1", "169.254.17.2", 30]);
  });

  it("builds the pair, moves one end into the namespace and brings up its loopback", () => {
    const cmds = setupCommands(p).map((c) => c.join(" "));
    expect(cmds[0]).toBe(`netns add ${p.name}`);
    expect(cmds).toContain(`link set ${p.nsIf} netns ${p.name}`);
    expect(cmds).toContain(`-n ${p.name} link set lo up`);
  });

  it("tears down exactly what it made, and runs commands inside by name", () => {
    expect(teardownCommands(p)).toEqual([["link", "del", p.hostIf], ["netns", "del", p.name]]);
    expect(inNamespace(p)).toEqual(["ip", "netns", "exec", p.name]);
  });
});
