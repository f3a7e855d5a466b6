import type { ConnectorClient } from 'botframework-connector';

/** The part of the SDK's HTTP pipeline (core-rest-pipeline) a timeout needs. */
interface TimedRequest {
  timeout: number;
}
interface RequestPipeline {
  addPolicy(policy: { readonly name: string; sendRequest(request: TimedRequest, next: (request: TimedRequest) => Promise<unknown>): Promise<unknown> }): void;
}

const POLICY_NAME = 'connectorRequestTimeout';

/**
 * Gives every call of a connector client (replies in a person's turn, proactive messages) the SDK's own request
 * timeout: its HTTP client aborts a request that has no answer after `timeout` ms, and its retry policy does not
 * retry an abort. ConnectorClientOptions in botbuilder 4.23 has no client-wide timeout (ConnectorFactoryImpl replaces
 * any requestPolicyFactories passed in), so the option is set per request here, on each client as it is created.
 * Without it a connector that accepts the connection and never answers held the turn for good.
 * False when the client has no pipeline to set it on (an SDK whose internals moved); the test of the timeout fails then.
 */
export function withRequestTimeout(client: ConnectorClient, timeoutMs: number): boolean {
  // The pipeline sits on a member the SDK's typings keep private, as for the retries proactiveDelivery.ts sets aside.
  const pipeline = (client as unknown as { client?: { pipeline?: RequestPipeline } }).client?.pipeline;
  if (!pipeline) return false;
  pipeline.addPolicy({
    name: POLICY_NAME,
    sendRequest(request, next) {
      if (!(request.timeout > 0)) request.timeout = timeoutMs;
      return next(request);
    },
  });
  return true;
}
