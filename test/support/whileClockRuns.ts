import type { TestClock } from './testClock';

/**
 * Moves the test clock a second at a time, running its timers, until the work has settled: a re-sent
 * activity that finds its first delivery's turn running waits on the instance's scheduler, which in
 * these tests is the clock (src/bot/activityDeduplication.ts).
 */
export async function settledWhileClockRuns<T>(clock: TestClock, work: Promise<T>): Promise<T> {
  let settled = false;
  void work.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    await clock.advanceSecondsRunningTimers(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return work;
}
