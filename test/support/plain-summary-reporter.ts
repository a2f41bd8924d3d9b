import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the plain `N passed, M failed` line that CI logs read, after vitest's own summary. A
 * file or suite that failed outside any test (an import error, a failing `beforeAll`) counts as
 * one failure, so the line can never say "0 failed" for a red run.
 */
export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedTests += 1;
        else skipped += 1;
      }
      const failedSuites = [...module.children.allSuites()].filter((suite) => suite.state() === 'failed').length;
      const moduleFailed = module.state() === 'failed' || module.errors().length > 0;
      failed += failedTests > 0 ? failedTests : Math.max(failedSuites, moduleFailed ? 1 : 0);
    }
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\n${passed} passed, ${failed} failed${tail}\n`);
  }
}
