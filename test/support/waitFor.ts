/**
 * Waits until the condition holds, for what happens in another process (a bot restarted after
 * SIGKILL, a second instance's outbox): checked every 100 ms, an error after the timeout.
 */
export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
