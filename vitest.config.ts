import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", "./harness/plain-summary-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          include: ["harness/**/*.test.ts", "scenarios/**/*.test.ts"],
          exclude: ["**/*.e2e.test.ts", "**/node_modules/**"],
        },
      },
      {
        test: {
          name: "e2e",
          include: ["harness/**/*.e2e.test.ts"],
          // A folder for the one run several e2e files share (harness/e2e-shared-run.ts).
          globalSetup: ["./harness/e2e-global-setup.ts"],
          // Each real-gateway test owns its gateways; run files one after another on a 2-core machine.
          fileParallelism: false,
          // runCli's default timeout (CLI_TIMEOUT_MS in harness/e2e-helpers.ts) is 30 s below this, so execa
          // kills the CLI first; keep the two in step.
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
