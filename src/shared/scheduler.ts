/** Stops a timer; calling it again does nothing. */
export type CancelTimer = () => void;

/**
 * Timers as a dependency, beside the Clock: a lease renewed "every five seconds" is renewed on a
 * test clock's time in tests, where real timers would renew it on the wall clock's. A task may
 * return a promise, so a test scheduler can wait for what the timer started.
 */
export interface Scheduler {
  every(intervalMs: number, task: () => unknown): CancelTimer;
  after(delayMs: number, task: () => unknown): CancelTimer;
}

/** Node's timers, unref'd: a lease being renewed must not keep a stopping process alive; it simply runs out. */
export const nodeTimers: Scheduler = {
  every(intervalMs, task) {
    const timer = setInterval(task, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  },
  after(delayMs, task) {
    const timer = setTimeout(task, delayMs);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
