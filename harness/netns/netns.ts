import { randomBytes } from "node:crypto";
import { execa } from "execa";
import type { NetworkResource } from "../hygiene/checks.ts";
import { inNamespace, netnsPlan, setupCommands, teardownCommands, type NetnsPlan } from "./plan.ts";
import { markNetns, unmarkNetns } from "./owners.ts";

export interface Netns {
  plan: NetnsPlan;
  exec: string[];
  remove(): Promise<void>;
}

let support: Promise<string | null> | null = null;

/** Why namespaces cannot be made here, or null. Checked once. */
export function netnsUnsupportedReason(): Promise<string | null> {
  support ??= (async () => {
    if (typeof process.getuid !== "function" || process.getuid() !== 0) return "needs root to create a network namespace and a veth pair";
    const r = await execa("ip", ["-V"], { reject: false, timeout: 5000 });
    if (r.failed) return "iproute2 (ip) is not installed";
    return null;
  })();
  return support;
}

/** What a plan creates, for the run's tracker: the namespace and both veth ends (hygiene checks they are gone). Pure. */
export function netnsResources(plan: NetnsPlan): NetworkResource[] {
  return [
    { kind: "netns", name: plan.name },
    { kind: "link", name: plan.hostIf },
    { kind: "link", name: plan.nsIf },
  ];
}

/**
 * Create this run's namespace and veth pair; on any failure remove what was made. `track` learns what is about to be
 * created before anything is, so that even a half-made pair is checked after teardown.
 */
export async function createNetns(track?: (created: NetworkResource[]) => void): Promise<Netns> {
  const plan = netnsPlan(randomBytes(4).toString("hex"), 1 + (randomBytes(1)[0] as number) % 250);
  track?.(netnsResources(plan));
  const remove = async (): Promise<void> => {
    for (const cmd of teardownCommands(plan)) await execa("ip", cmd, { reject: false, timeout: 10_000 });
    await unmarkNetns(plan.name);
  };
  try {
    await markNetns(plan.name);
    for (const cmd of setupCommands(plan)) await execa("ip", cmd, { timeout: 10_000 });
  } catch (err) {
    await remove();
    throw new Error(`could not create network namespace ${plan.name}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
  }
  return { plan, exec: inNamespace(plan), remove };
}
