/** The Compose lane's leftovers: containers, networks and volumes labelled with a run's id (cached images are kept). */
import type { HygieneCheck } from "../evidence/types.ts";
import type { LaneLeftovers } from "../run/lane.ts";
import { parseOwner, type Owner, type OwnerState } from "../hygiene/owner.ts";
import { ownerStateNow, reapItem, type ReapResult } from "../hygiene/reap.ts";
import { labelledObjects, labelledRuns, removeLabelled, removeLabelledSync } from "./docker.ts";
import { RUN_LABEL } from "./topology.ts";

/** No container, network or volume labelled with one of these runs' ids is left (cached images are kept). Pure. */
export function checkDocker(runIds: readonly string[], remaining: readonly string[]): HygieneCheck {
  return {
    id: "docker",
    pass: remaining.length === 0,
    detail: remaining.length
      ? `${remaining.length} Docker object(s) labelled ${RUN_LABEL}=${runIds.join(",")} left`
      : `no container, network or volume labelled ${RUN_LABEL}=${runIds.join(",")} left (cached images are kept on purpose)`,
    offenders: [...remaining],
  };
}

/**
 * Remove the labelled objects of runs whose harness is gone (its owner label says which process made them); objects
 * without a whole owner label, or whose owner cannot be judged from here, are reported and left alone.
 */
export async function reapDocker(runs: ReadonlyMap<string, string>, state: (o: Owner) => OwnerState = ownerStateNow, remove: (runId: string) => Promise<{ removed: string[]; left: string[] }> = removeRun): Promise<ReapResult> {
  const out: ReapResult = { removed: [], leftAlone: [], failed: [] };
  for (const [runId, label] of runs) {
    const owner = parseOwner(label);
    if (!owner) {
      out.leftAlone.push(reapItem("Docker object", `of run ${runId} (all of them)`, label ? "owner label is not whole" : "no owner label"));
      continue;
    }
    const s = state(owner);
    if (s.state === "alive") continue;
    if (s.state === "unknown") {
      out.leftAlone.push(reapItem("Docker object", `of run ${runId} (all of them)`, `owner cannot be judged here: ${s.why}`));
      continue;
    }
    const why = `its harness (pid ${owner.pid}) is gone: ${s.why}`;
    const { removed, left } = await remove(runId);
    out.removed.push(...removed.map((o) => reapItem("Docker object", `${o} of run ${runId}`, why)));
    out.failed.push(...left.map((o) => reapItem("Docker object", `${o} of run ${runId}`, why)));
  }
  return out;
}

/** Each object as "kind id": those removed, and those still there after the removal. */
async function removeRun(runId: string): Promise<{ removed: string[]; left: string[] }> {
  const before = await labelledObjects(runId);
  await removeLabelled(runId);
  const left = await labelledObjects(runId);
  return { removed: before.filter((o) => !left.includes(o)), left };
}

export const composeLeftovers: LaneLeftovers = {
  check: async (runIds) => checkDocker(runIds, (await Promise.all(runIds.map(labelledObjects))).flat()),
  removeSync: removeLabelledSync,
  reapDead: async () => reapDocker(await labelledRuns()),
};
