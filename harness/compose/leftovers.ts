/** The Compose lane's leftovers: containers, networks and volumes labelled with a run's id (cached images are kept). */
import type { HygieneCheck } from "../evidence/types.ts";
import type { LaneLeftovers } from "../run/lane.ts";
import { labelledObjects, removeLabelledSync } from "./docker.ts";
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

export const composeLeftovers: LaneLeftovers = {
  check: async (runIds) => checkDocker(runIds, (await Promise.all(runIds.map(labelledObjects))).flat()),
  removeSync: removeLabelledSync,
};
