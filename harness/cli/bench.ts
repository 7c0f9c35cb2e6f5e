import { UsageError } from "../errors.ts";
import type { Session } from "./main.ts";

export async function runBench(_session: Session): Promise<number> {
  throw new UsageError("bench is not built yet", "Use pnpm smoke");
}
