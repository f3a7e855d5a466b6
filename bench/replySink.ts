import type { ConnectorCall, LocalConnector } from '../test/support/localConnector';

/**
 * Reads what the bots send to the local connector without keeping it: under load the
 * connector's record of every call would grow by gigabytes. Replies to an activity the
 * driver waits for are handed over; calls to watched conversations (advisors) are kept;
 * everything else is only counted.
 */
export class ReplySink {
  private readonly waiting = new Map<string, ConnectorCall[]>();
  private readonly watched = new Set<string>();
  readonly watchedCalls: ConnectorCall[] = [];
  received = 0;

  constructor(readonly connector: LocalConnector) {}

  get serviceUrl(): string {
    return this.connector.url;
  }

  watchConversation(conversationId: string): void {
    this.watched.add(conversationId);
  }

  /** Call before posting the activity; `take` then returns the replies to it. */
  expectRepliesTo(activityId: string): void {
    this.waiting.set(activityId, []);
  }

  /**
   * The bot answers the POST only after its replies were accepted by the connector, so once
   * the response is in, every reply to that activity has been recorded.
   */
  take(activityId: string): ConnectorCall[] {
    this.drain();
    const replies = this.waiting.get(activityId) ?? [];
    this.waiting.delete(activityId);
    return replies;
  }

  drain(): void {
    const { calls } = this.connector;
    for (const call of calls) {
      this.received += 1;
      const replyTo = call.replyToId ?? (call.activity.replyToId as string | undefined);
      const waiting = replyTo === undefined ? undefined : this.waiting.get(replyTo);
      if (waiting) waiting.push(call);
      else if (this.watched.has(call.conversationId)) this.watchedCalls.push(call);
    }
    calls.length = 0;
  }
}
