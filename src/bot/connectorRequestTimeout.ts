import type { ConnectorClient } from 'botframework-connector';

/** The part of the SDK's HTTP pipeline (core-rest-pipeline) a deadline needs. */
interface AbortableRequest {
  /** An AbortSignalLike in the SDK's typings: a caller may pass its own object. */
  abortSignal?: AbortSignal | { readonly aborted: boolean; addEventListener(type: 'abort', listener: () => void): void };
}
interface RequestPipeline {
  addPolicy(policy: { readonly name: string; sendRequest(request: AbortableRequest, next: (request: AbortableRequest) => Promise<unknown>): Promise<unknown> }): void;
}

const POLICY_NAME = 'connectorRequestTimeout';

/**
 * Gives every call of a connector client (replies in a person's turn, proactive messages) a deadline for its whole
 * response, headers and body, through the SDK's own `abortSignal` request option: its HTTP client aborts the request
 * and the response being read when the signal fires, and its retry policy does not retry an aborted request. The
 * request's `timeout` option would not do: the HTTP client clears it once the response headers arrive, so a
 * connector that sends them and never finishes the body held the turn for good. ConnectorClientOptions in botbuilder
 * 4.23 has no client-wide timeout (ConnectorFactoryImpl replaces any requestPolicyFactories passed in), so the
 * signal is set per request here, on each client as it is created. The policy runs before the SDK's retry policy,
 * so the deadline also covers its retries and their waits: one call, one deadline.
 * False when the client has no pipeline to set it on (an SDK whose internals moved); the test of the timeout fails then.
 */
export function withRequestTimeout(client: ConnectorClient, timeoutMs: number): boolean {
  // The pipeline sits on a member the SDK's typings keep private, as for the retries proactiveDelivery.ts sets aside.
  const pipeline = (client as unknown as { client?: { pipeline?: RequestPipeline } }).client?.pipeline;
  if (!pipeline) return false;
  pipeline.addPolicy({
    name: POLICY_NAME,
    async sendRequest(request, next) {
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), timeoutMs);
      const callersSignal = request.abortSignal;
      if (callersSignal && !(callersSignal instanceof AbortSignal)) callersSignal.addEventListener('abort', () => deadline.abort());
      // Left on the request once the call ends: an aborted signal is what keeps the retry policy from trying again.
      request.abortSignal = callersSignal instanceof AbortSignal ? AbortSignal.any([callersSignal, deadline.signal]) : deadline.signal;
      try {
        return await next(request);
      } finally {
        clearTimeout(timer);
      }
    },
  });
  return true;
}
