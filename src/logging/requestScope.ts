import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The id of the HTTP request a piece of work belongs to, carried through every await of the
 * turn, so each log line of one request can be found together (and the caller sees it in the
 * `x-request-id` response header). Generated here, never taken from the request: a header
 * value would let a caller write into the logs.
 */
const currentRequest = new AsyncLocalStorage<{ readonly requestId: string }>();

export function runInRequestScope<T>(work: (requestId: string) => T): T {
  const requestId = randomUUID();
  return currentRequest.run({ requestId }, () => work(requestId));
}

/** For pino's mixin: `{ requestId }` inside a request, nothing outside one (background work). */
export function requestScopeFields(): { requestId?: string } {
  const scope = currentRequest.getStore();
  return scope ? { requestId: scope.requestId } : {};
}
