/**
 * Global setup of the e2e project: a folder for the shared run (see e2e-shared-run.ts), removed after the last file.
 * The run itself starts lazily, in the first test file that reads it, so running one other e2e file alone costs
 * nothing extra.
 */
import { rm } from "node:fs/promises";
import { dir } from "tmp-promise";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    sharedRunDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Under /tmp whatever TMPDIR says: the shared run runs from a clone there (e2e-shared-run.ts).
  const shared = await dir({ prefix: "smoke-e2e-shared-", tmpdir: "/tmp" });
  project.provide("sharedRunDir", shared.path);
  return async () => {
    await rm(shared.path, { recursive: true, force: true });
  };
}
