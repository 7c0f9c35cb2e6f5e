import type { Reporter, TestModule } from "vitest/node";

/** Ends a test run with the plain line any CI reads: "N passed, N failed, N skipped". */
export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === "passed") passed += 1;
        else if (state === "failed") failed += 1;
        else skipped += 1;
      }
    }
    const waits = testModules.flatMap((m) => {
      const tests = [...m.children.allTests()];
      const ms = tests.reduce((a, t) => a + (t.meta().gatewayWaitMs ?? 0), 0);
      const starts = tests.reduce((a, t) => a + (t.meta().gatewayStarts ?? 0), 0);
      return starts > 0 ? [`  ${m.relativeModuleId.padEnd(40)} ${(ms / 1000).toFixed(1).padStart(6)} s waiting for ${starts} gateway${starts === 1 ? "" : "s"}`] : [];
    });
    if (waits.length) process.stdout.write(`\ngateway waits (spawn → hello-ok) per e2e file:\n${waits.join("\n")}\n`);
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
