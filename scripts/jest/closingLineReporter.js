/**
 * Ends a run with one plain line, `tests: N passed, N failed, N skipped`, the closing line that
 * CI reads to tell a run that tested something from one that ran no test. Written on exit so that
 * it comes after jest's own summary.
 */
class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped\n`;
    process.once('exit', () => process.stdout.write(line));
  }
}

module.exports = ClosingLineReporter;
