import { defineConfig } from "vitest/config";

/**
 * Two tiers, chosen by project, and each project by file name: `pnpm test` runs `unit` and `e2e-quick`
 * (`*.quick.e2e.test.ts`: one real gateway, the core four), `pnpm test:all` every project. A file joins the quick tier
 * by its name, not by a list kept here. Projects run one after another (groupOrder): the unit tests first, then the
 * real gateways, which each own their processes and must not share two cores with another file's.
 */
const E2E = {
  // A folder for the one run several e2e files share (harness/e2e-shared-run.ts).
  globalSetup: ["./harness/e2e-global-setup.ts"],
  // Each real-gateway test owns its gateways; run files one after another on a 2-core machine.
  fileParallelism: false,
  // runCli's default timeout (CLI_TIMEOUT_MS in harness/e2e-helpers.ts) is 30 s below this, so execa kills the CLI
  // first; keep the two in step.
  testTimeout: 240_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    reporters: ["default", "./harness/plain-summary-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          include: ["harness/**/*.test.ts", "scenarios/**/*.test.ts"],
          exclude: ["**/*.e2e.test.ts", "**/node_modules/**"],
          sequence: { groupOrder: 0 },
        },
      },
      { test: { name: "e2e-quick", include: ["harness/**/*.quick.e2e.test.ts"], sequence: { groupOrder: 1 }, ...E2E } },
      { test: { name: "e2e", include: ["harness/**/*.e2e.test.ts"], exclude: ["**/*.quick.e2e.test.ts", "**/node_modules/**"], sequence: { groupOrder: 2 }, ...E2E } },
    ],
  },
});
