/**
 * The longest wait a Retry-After can ask for. Graph and the Bot Connector ask for seconds to a
 * few minutes; a longer value comes from a proxy, a misconfigured gateway or a date far ahead,
 * and would hold an adviser's case cards (and an urgent request) for as long as it says. Ten
 * minutes stays below the urgent escalation (`ESCALATE_URGENT_AFTER_MINUTES`, 15) and keeps
 * background timers far from Node's 24.8-day limit, past which they fire at once.
 */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** Retry-After in delta-seconds or as an HTTP date, in milliseconds from now, at most MAX_RETRY_AFTER_MS. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(trimmed) * 1000));
  // HTTP dates start with the day's name; without this check Date.parse reads '-5' as a year.
  const at = /^[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now));
}
