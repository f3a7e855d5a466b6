import type { Middleware, TurnContext } from 'botbuilder';
import { activityTypeLabel } from '../logging/activityTypeLabel';
import type { Logger } from '../logging/logger';

/**
 * The first middleware: only Teams (and, in local development, what ALLOWED_CHANNELS adds).
 * Web Chat and Direct Line clients choose `from` and `channelData` themselves, so an activity
 * from them could claim to be an adviser. A refused activity gets no reply (a reply would go to
 * the stranger's serviceUrl) and nothing about it is read or stored. The HTTP edge refuses such
 * activities with 403 before this; this covers every other way into the adapter.
 */
export class ChannelFilter implements Middleware {
  constructor(
    private readonly allowedChannels: readonly string[],
    private readonly logger: Logger,
  ) {}

  allows(channelId: unknown): boolean {
    return typeof channelId === 'string' && this.allowedChannels.includes(channelId);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (this.allows(context.activity.channelId)) return next();
    this.logger.warn({ event: 'channelRefused', activityType: activityTypeLabel(context.activity.type) }, 'activity from a channel that is not allowed');
  }
}
