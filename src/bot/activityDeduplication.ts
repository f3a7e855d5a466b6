import { createHash } from 'node:crypto';
import type { Middleware, TurnContext } from 'botbuilder';
import type { Clock } from '../handoff/clock';
import { activityTypeLabel } from '../logging/activityTypeLabel';
import type { Logger } from '../logging/logger';
import type { EntityStore } from '../storage/entityStore';

const KEEP_DAYS = 2;

/**
 * Teams re-sends an activity when the bot answers slowly. The first delivery claims the
 * activity id (an insert that only one can win, across instances); a re-sent message is
 * acknowledged and dropped, so one message gives one reply and one request one case.
 * Invokes (Action.Execute) pass: Teams needs a card in the response to every copy, and their
 * handlers are idempotent (a second claim finds the case claimed; a reply is keyed by the
 * activity id in the outbox).
 * Markers are kept per day and dropped after two days by `purgeOldMarkers`.
 */
export class ActivityDeduplication implements Middleware {
  constructor(
    private readonly store: EntityStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (!activity.id || activity.type !== 'message') return next();
    const marker = await this.markFirst(activity.conversation?.id ?? '', activity.id);
    if (!marker) {
      this.logger.info({ event: 'duplicateActivity', activityType: activityTypeLabel(activity.type) }, 'activity already handled');
      return;
    }
    try {
      await next();
    } catch (error) {
      // A turn that failed may be re-sent and tried again.
      await this.store.delete('activities', marker.partition, marker.key);
      throw error;
    }
  }

  /**
   * True the first time a conversation names this id (within two days), across instances: for
   * answers that must count once, such as "this helped" on one guidance card clicked twice.
   */
  async isFirst(conversationId: string, id: string): Promise<boolean> {
    return (await this.markFirst(conversationId, id)) !== undefined;
  }

  private async markFirst(conversationId: string, id: string): Promise<{ partition: string; key: string } | undefined> {
    const partition = dayPartition(this.clock.now());
    const key = markerKey(conversationId, id);
    const previousDay = dayPartition(new Date(this.clock.now().getTime() - 86_400_000));
    if (await this.store.get('activities', previousDay, key)) return undefined;
    if ((await this.store.insert('activities', partition, key, {})) === 'alreadyExists') return undefined;
    return { partition, key };
  }

  async purgeOldMarkers(): Promise<number> {
    let purged = 0;
    for (let daysAgo = KEEP_DAYS; daysAgo < KEEP_DAYS + 7; daysAgo += 1) {
      const partition = dayPartition(new Date(this.clock.now().getTime() - daysAgo * 86_400_000));
      for (const marker of await this.store.listPartition('activities', partition)) {
        await this.store.delete('activities', partition, marker.rowKey);
        purged += 1;
      }
    }
    return purged;
  }
}

function dayPartition(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/** Hashed, so the table holds no conversation ids. */
function markerKey(conversationId: string, activityId: string): string {
  return createHash('sha256').update(`${conversationId}\u0000${activityId}`).digest('hex').slice(0, 40);
}
