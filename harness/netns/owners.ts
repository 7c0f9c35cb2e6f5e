/**
 * Owner markers of network namespaces: a folder per namespace under /run (a tmpfs, emptied at boot like the
 * namespaces themselves), holding the harness's owner marker, made before the namespace and removed after it.
 * The reaper tears down the namespaces whose harness is gone.
 */
import { mkdir, readdir, rm, rmdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { writeOwnerMarker, readOwnerMarker, type Owner, type OwnerState } from "../hygiene/owner.ts";
import { ownerStateNow, reapItem, type ReapResult } from "../hygiene/reap.ts";
import { namesOf, teardownCommands } from "./plan.ts";

export const NETNS_OWNERS = "/run/openclaw-approval-smoke/netns";

export async function markNetns(name: string, root = NETNS_OWNERS): Promise<void> {
  const dir = join(root, name);
  // A second try: another run may remove the empty parents between this mkdir and the write (unmarkNetns).
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeOwnerMarker(dir);
      return;
    } catch (err) {
      if (attempt > 0 || (err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
}

/** Remove the namespace's marker, and the marker folders once empty (nothing of ours stays in /run). */
export async function unmarkNetns(name: string, root = NETNS_OWNERS): Promise<void> {
  await rm(join(root, name), { recursive: true, force: true });
  for (const d of [root, dirname(root)]) await rmdir(d).catch(() => undefined);
}

/** Tear down the marked namespaces whose harness is gone; a folder without a whole marker is reported and kept. */
export async function reapNetns(root = NETNS_OWNERS, state: (o: Owner) => OwnerState = ownerStateNow): Promise<ReapResult> {
  const out: ReapResult = { removed: [], leftAlone: [], failed: [] };
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const marker = await readOwnerMarker(join(root, name));
    if (!marker.owner) {
      out.leftAlone.push(reapItem("network namespace", name, marker.why));
      continue;
    }
    const s = state(marker.owner);
    if (s.state === "alive") continue;
    if (s.state === "unknown") {
      out.leftAlone.push(reapItem("network namespace", name, `owner cannot be judged here: ${s.why}`));
      continue;
    }
    for (const cmd of teardownCommands(namesOf(name))) await execa("ip", cmd, { reject: false, timeout: 10_000 });
    const left = await execa("ip", ["netns", "list"], { reject: false, timeout: 10_000 });
    const why = `its harness (pid ${marker.owner.pid}) is gone: ${s.why}`;
    if (String(left.stdout).split("\n").some((l) => l.split(/\s+/)[0] === name)) out.failed.push(reapItem("network namespace", name, why));
    else {
      await unmarkNetns(name, root);
      out.removed.push(reapItem("network namespace", name, why));
    }
  }
  return out;
}
