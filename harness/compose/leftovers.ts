import type { HygieneCheck } from "../evidence/types.ts";
import { RUN_LABEL } from "../compose/topology.ts";

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
