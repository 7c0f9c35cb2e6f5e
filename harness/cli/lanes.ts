/** The lanes registry: every way the CLI can run a scenario group. A group runs in the first lane that takes its sandbox profile. */
import { composeLane } from "../compose/lane.ts";
import { processLane } from "../run/group.ts";
import { lifecycleLane } from "../run/lifecycle.ts";
import type { Lane } from "../run/lane.ts";

export const LANES: readonly Lane[] = [processLane, composeLane, lifecycleLane];
