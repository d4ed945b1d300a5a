// Prints one closing line CI can read: "e2e: N passed, N failed, N skipped".
export default class SummaryReporter {
  counts = { passed: 0, failed: 0, skipped: 0 };

  onTestEnd(test, result) {
    const last = result.status === 'passed' || result.status === 'skipped' || result.retry >= test.retries;
    if (!last) return;
    if (result.status === 'skipped') this.counts.skipped += 1;
    else if (test.outcome() === 'expected' || test.outcome() === 'flaky') this.counts.passed += 1;
    else this.counts.failed += 1;
  }

  onEnd() {
    const { passed, failed, skipped } = this.counts;
    console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }

  printsToStdio() {
    return false;
  }
}
