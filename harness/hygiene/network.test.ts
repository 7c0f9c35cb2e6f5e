import { describe, expect, it } from "vitest";
import { createNetns, netnsUnsupportedReason } from "../netns/netns.ts";
import { checkNetwork, type NetworkResource } from "./checks.ts";
import { remainingNetwork, type IpRunner } from "./probe.ts";

describe("network hygiene", () => {
  it("a namespace and link left by a failed teardown fail the check; after removal it passes (real ip netns)", async (ctx) => {
    const why = await netnsUnsupportedReason();
    if (why) ctx.skip(`network namespaces not exercised on this host: ${why}`);
    const created: NetworkResource[] = [];
    const ns = await createNetns((r) => created.push(...r));
    try {
      expect(created.map((r) => r.kind)).toEqual(["netns", "link", "link"]);
      // Teardown "failed": nothing removed yet.
      const left = checkNetwork(created, await remainingNetwork(created));
      expect(left.pass).toBe(false);
      expect(left.offenders).toEqual([`network namespace ${ns.plan.name} still exists`, `link ${ns.plan.hostIf} still exists`]);
    } finally {
      await ns.remove();
    }
    expect(checkNetwork(created, await remainingNetwork(created))).toMatchObject({ pass: true });
  });

  it("fails closed when the namespaces cannot be listed", async () => {
    const ip: IpRunner = async (args) => (args[0] === "netns" ? { exitCode: 1, stdout: "" } : { exitCode: 1, stdout: "" });
    const created: NetworkResource[] = [{ kind: "netns", name: "smoke-x" }, { kind: "link", name: "svxh" }];
    expect(await remainingNetwork(created, ip)).toEqual([created[0]]);
    expect(await remainingNetwork([], () => Promise.reject(new Error("not called")))).toEqual([]);
  });
});
