import { AsyncLocalStorage } from 'node:async_hooks';
import type { Response } from 'restify';

/**
 * How a turn asks Teams to deliver its activity again later: botbuilder's CloudAdapter answers a
 * message turn 200 (Teams then never re-sends it) or, when the turn throws, 500 after printing the
 * error to stderr. A turn that asks here is answered 503 with Retry-After, a status the channel
 * retries on (botbuilder's own transient-status rule: 408, 429 and 5xx but 501 and 505).
 */
const requests = new AsyncLocalStorage<{ retryAfterSeconds?: number }>();

/**
 * Runs the adapter on a response that turns into 503 when the turn asked for redelivery. The adapter
 * calls only these four methods; each goes to the real response, whose Node internals need it as `this`.
 */
export function answeringActivity<T>(res: Response, work: (response: Response) => Promise<T>): Promise<T> {
  const request: { retryAfterSeconds?: number } = {};
  const response = {
    header: res.header.bind(res),
    send: res.send.bind(res),
    end: res.end.bind(res),
    status: (code: number) => {
      if (request.retryAfterSeconds === undefined) return res.status(code);
      res.header('Retry-After', String(request.retryAfterSeconds));
      return res.status(503);
    },
  } as unknown as Response;
  return requests.run(request, () => work(response));
}

/** False outside an HTTP request (a proactive turn), where nobody would deliver anything again. */
export function askChannelToDeliverAgain(retryAfterSeconds: number): boolean {
  const request = requests.getStore();
  if (!request) return false;
  request.retryAfterSeconds = retryAfterSeconds;
  return true;
}
