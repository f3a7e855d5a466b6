import { AsyncLocalStorage } from 'node:async_hooks';
import { ActivityEventNames, ActivityTypes, type Activity, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import { OutboundCallError } from '../handoff/advisorPorts';
import { parseRetryAfter } from '../outbox/retryAfter';

/**
 * Messages the bot posts on its own (adviser cards, relayed messages, status updates) run
 * from outbox jobs. Their failures must reach the outbox, which retries durably with backoff
 * and Retry-After; nothing in the SDK may swallow them or sleep on them.
 */

const OPERATION = 'teams.proactiveMessage';
const RETRYABLE_STATUS_CODES = new Set([408, 412, 429, 500, 502, 503, 504]);

/** Set while a proactive turn runs, so the connector's own retry policy steps aside for it. */
const proactiveTurn = new AsyncLocalStorage<true>();

/** Whether a turn is the bot's own continuation rather than something a person sent. */
export function isProactiveTurn(activity: Partial<Activity> | undefined): boolean {
  return activity?.type === ActivityTypes.Event && activity.name === ActivityEventNames.ContinueConversation;
}

/**
 * Runs `logic` in the conversation and throws an OutboundCallError when the connector refused
 * any of its calls. The adapter's onTurnError rethrows for proactive turns (see app.ts); the
 * error is caught here too, so a failure is never reported as a delivery.
 */
export async function continueConversation(
  adapter: CloudAdapter,
  botAppId: string,
  reference: Partial<ConversationReference>,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  let failure: unknown;
  try {
    await proactiveTurn.run(true, () =>
      adapter.continueConversationAsync(botAppId, reference, async (context) => {
        leaveRetriesToTheOutbox(context, adapter);
        try {
          await logic(context);
        } catch (error) {
          failure = error;
          throw error;
        }
      }),
    );
  } catch (error) {
    failure ??= error;
  }
  if (failure !== undefined) throw asOutboundCallError(failure);
}

/** Only the status and Retry-After are kept: connector error messages can quote the activity. */
export function asOutboundCallError(error: unknown): OutboundCallError {
  if (error instanceof OutboundCallError) return error;
  const { statusCode, response } = (error ?? {}) as { statusCode?: unknown; response?: { headers?: { get?: (name: string) => unknown } } };
  if (typeof statusCode !== 'number') return new OutboundCallError(OPERATION, true);
  const retryAfter = response?.headers?.get?.('retry-after');
  return new OutboundCallError(
    OPERATION,
    RETRYABLE_STATUS_CODES.has(statusCode),
    statusCode,
    typeof retryAfter === 'string' ? parseRetryAfter(retryAfter) : undefined,
  );
}


interface PipelinePolicy {
  readonly name: string;
  sendRequest(request: unknown, next: (request: unknown) => Promise<unknown>): Promise<unknown>;
}
interface Pipeline {
  getOrderedPolicies(): PipelinePolicy[];
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: PipelinePolicy, options?: { phase?: string }): void;
}

const patchedClients = new WeakSet<object>();
const RETRY_POLICY_NAME = 'defaultRetryPolicy';

/**
 * The connector client's default retry policy retries 429 and 5xx in-process, sleeping for as
 * long as Retry-After says while the job's lease runs out (and another instance may pick the job
 * up). For proactive turns it now passes the first answer straight through: the outbox owns
 * those retries. Replies within a person's turn keep the SDK's retries.
 */
function leaveRetriesToTheOutbox(context: TurnContext, adapter: CloudAdapter): void {
  const connector = context.turnState.get(adapter.ConnectorClientKey) as object | undefined;
  if (!connector || patchedClients.has(connector)) return;
  patchedClients.add(connector);
  // The pipeline sits on a member the SDK's typings keep private.
  const pipeline = (connector as { client?: { pipeline?: Pipeline } }).client?.pipeline;
  const sdkRetries = pipeline?.getOrderedPolicies().find((policy) => policy.name === RETRY_POLICY_NAME);
  if (!pipeline || !sdkRetries) return;
  pipeline.removePolicy({ name: RETRY_POLICY_NAME });
  pipeline.addPolicy(
    {
      name: RETRY_POLICY_NAME,
      sendRequest: (request, next) => (proactiveTurn.getStore() ? next(request) : sdkRetries.sendRequest(request, next)),
    },
    { phase: 'Retry' },
  );
}
