import { randomUUID } from 'node:crypto';
import type { Middleware, TurnContext } from 'botbuilder';
import type { Clock } from '../handoff/clock';
import { activityTypeLabel } from '../logging/activityTypeLabel';
import type { Logger } from '../logging/logger';
import { DAY_MS } from '../shared/calendarDays';
import { keyedDigest } from '../shared/keyedDigest';
import { nodeTimers, type Scheduler } from '../shared/scheduler';
import type { EntityStore, StoredEntity } from '../storage/entityStore';
import { LeaseRenewal } from '../storage/leaseRenewal';

const KEEP_DAYS = 2;

/**
 * How long after its last renewal a turn's marker counts as left behind by a process that died: a
 * re-send that comes later is answered. The running turn renews it every third of this, so a turn
 * that waits on a slow Graph (a member listing of up to 30 s, a call of up to 15 s) is not run twice.
 */
export const TURN_LEASE_MS = 15_000;

/**
 * The longest a turn keeps its marker: after this its lease runs out (the turn goes on), so a turn
 * that hangs cannot keep a message from being answered for ever. Three times the slowest Graph wait.
 */
export const TURN_MAX_MS = 3 * 60_000;

/**
 * How often a re-send that found its turn running looks at the marker again. It waits at most one
 * lease from its arrival: a turn whose process died cannot have renewed its lease further than that,
 * so by then the re-send has either seen the turn end or taken it over.
 */
export const RESEND_LOOK_MS = 1_000;

/**
 * Thrown when a re-send waited a whole lease and the first delivery's turn still runs (it renewed its
 * lease meanwhile): the HTTP edge answers 503 (`askChannelToDeliverAgain`), a status the channel
 * delivers again on, where a 200 would end Teams' retries and lose the message if that turn then died.
 */
export class TurnStillRunning extends Error {
  constructor() {
    super('the first delivery of this activity is still being answered; deliver it again later');
    this.name = 'TurnStillRunning';
  }
}

/**
 * `running` until the turn ends, then `done`; a marker of an earlier version (`{}`) counts as done.
 * `turn` tells a renewal whether the marker is still its own; markers of an earlier version lack it.
 */
type ActivityMarker = { readonly state: 'running'; readonly leaseUntil: number; readonly turn?: string } | { readonly state: 'done' };

interface MarkerAddress {
  readonly partition: string;
  readonly key: string;
}

/** What a delivery found: the turn is its to run, another delivery answered it, or another one is answering it now. */
type TurnClaim = { readonly kind: 'claimed'; readonly marker: MarkerAddress } | { readonly kind: 'done' } | { readonly kind: 'running' };

/**
 * Teams re-sends an activity when the bot answers slowly (after 15 s) or with some failure statuses.
 * The first delivery claims the activity id (an insert that only one can win, across instances);
 * a copy of an answered message is acknowledged and dropped, so one message gives one reply and one
 * request one case. The marker says `running` while the turn runs, with a short lease the turn
 * renews (at most TURN_MAX_MS): a process that dies mid-turn (SIGKILL, OOM, a deploy) leaves it so.
 * A copy that finds the turn running waits for it, up to one lease: it is dropped when the turn
 * ends, takes the marker over (with its etag: one instance wins) and is answered when the lease
 * lapses, runs again when the turn failed (which deletes the marker), and ends in TurnStillRunning
 * (503, so Teams delivers it again) when the turn is still alive after that lease.
 * Invokes (Action.Execute) pass: Teams needs a card in the response to every copy, and their
 * handlers are idempotent (a second claim finds the case claimed; a reply is keyed by the
 * activity id in the outbox).
 * Markers are kept per day and dropped after two days by `purgeOldMarkers`.
 */
export class ActivityDeduplication implements Middleware {
  /**
   * @param markerKeySecret keys the marker names (`PersonKeys.derivedKey`), so a reader of the
   * table who knows a chat address cannot test guessable activity ids against it.
   */
  constructor(
    private readonly store: EntityStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly markerKeySecret: Buffer,
    /** Runs the lease renewals and a re-send's looks; tests with a test clock run them on its time. */
    private readonly scheduler: Scheduler = nodeTimers,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (!activity.id || activity.type !== 'message') return next();
    const turn = randomUUID();
    const conversationId = activity.conversation?.id ?? '';
    let claim = await this.claimTurn(conversationId, activity.id, turn);
    if (claim.kind === 'running') {
      this.logger.info({ event: 'activityWaitsForTurn' }, 'a re-sent activity waits for the turn of its first delivery');
      claim = await this.awaitRunningTurn(conversationId, activity.id, turn);
    }
    if (claim.kind === 'done') {
      this.logger.info({ event: 'duplicateActivity', activityType: activityTypeLabel(activity.type) }, 'activity already handled');
      return;
    }
    if (claim.kind === 'running') {
      this.logger.info({ event: 'activityStillRunning' }, 'a re-sent activity is still being answered by its first delivery; asking for another re-send');
      throw new TurnStillRunning();
    }
    const { marker } = claim;
    const lease = this.keepLease(marker, turn);
    try {
      await next();
    } catch (error) {
      // A turn that failed may be re-sent and tried again; a marker another instance took over meanwhile is its own.
      if (await lease.stop()) await this.store.delete('activities', marker.partition, marker.key);
      throw error;
    }
    await lease.stop();
    try {
      await this.store.upsert<ActivityMarker>('activities', marker.partition, marker.key, { state: 'done' });
    } catch (error) {
      // The person has their answer; the cost is one more answer to a re-send after the lease.
      this.logger.warn({ event: 'activityMarkerNotDone', err: error }, 'could not mark the activity handled');
    }
  }

  /**
   * True the first time a conversation names this id (within two days), across instances: for
   * answers that must count once, such as "this helped" on one guidance card clicked twice.
   */
  async isFirst(conversationId: string, id: string): Promise<boolean> {
    const key = this.markerKey(conversationId, id);
    const now = this.clock.now().getTime();
    if (await this.store.get('activities', dayPartition(now - DAY_MS), key)) return false;
    return (await this.store.insert<ActivityMarker>('activities', dayPartition(now), key, { state: 'done' })) === 'inserted';
  }

  /**
   * Renews the marker while the turn runs. A renewal that fails is logged and the turn goes on: the
   * person is being answered, and the cost is that a re-send after the lease may be answered too.
   */
  private keepLease(marker: MarkerAddress, turn: string): LeaseRenewal<ActivityMarker> {
    return new LeaseRenewal<ActivityMarker>(this.store, 'activities', { partitionKey: marker.partition, rowKey: marker.key }, undefined, {
      renewed: () => ({ state: 'running', leaseUntil: this.clock.now().getTime() + TURN_LEASE_MS, turn }),
      isOurs: (stored) => stored.state === 'running' && stored.turn === turn,
      leaseMs: TURN_LEASE_MS,
      maxMs: TURN_MAX_MS,
      onDeadline: () => {
        this.logger.warn({ event: 'activityLeaseAbandoned', maxMs: TURN_MAX_MS }, 'the turn runs longer than its marker is kept; a re-send may run it again');
        return new Error('turn lease abandoned');
      },
      onRenewalFailed: ({ lost, error }) =>
        lost
          ? this.logger.warn({ event: 'activityLeaseLost' }, 'another instance took over the running turn of this activity')
          : this.logger.warn({ event: 'activityLeaseNotRenewed', err: error }, 'could not renew the lease of a running turn; trying again'),
      scheduler: this.scheduler,
    });
  }

  /**
   * Looks at the marker every RESEND_LOOK_MS until the turn ends, fails or is left behind, for at
   * most one lease from now. The next look is scheduled inside the timer's task, so a test clock
   * that runs timers runs every look.
   */
  private awaitRunningTurn(conversationId: string, id: string, turn: string): Promise<TurnClaim> {
    const lookUntil = this.clock.now().getTime() + TURN_LEASE_MS;
    return new Promise<TurnClaim>((resolve, reject) => {
      const lookAgain = () =>
        this.scheduler.after(RESEND_LOOK_MS, async () => {
          try {
            const claim = await this.claimTurn(conversationId, id, turn);
            if (claim.kind === 'running' && this.clock.now().getTime() < lookUntil) lookAgain();
            else resolve(claim);
          } catch (error) {
            reject(error);
          }
        });
      lookAgain();
    });
  }

  private async claimTurn(conversationId: string, id: string, turn: string): Promise<TurnClaim> {
    const key = this.markerKey(conversationId, id);
    const now = this.clock.now().getTime();
    const running: ActivityMarker = { state: 'running', leaseUntil: now + TURN_LEASE_MS, turn };
    const yesterday = { partition: dayPartition(now - DAY_MS), key };
    const earlier = await this.store.get<ActivityMarker>('activities', yesterday.partition, key);
    if (earlier) return this.takeOverIfLeftBehind(yesterday, earlier, running, now);
    const today = { partition: dayPartition(now), key };
    if ((await this.store.insert('activities', today.partition, key, running)) === 'inserted') return { kind: 'claimed', marker: today };
    const current = await this.store.get<ActivityMarker>('activities', today.partition, key);
    // Gone again: its turn failed just now; the next look inserts it anew.
    if (!current) return { kind: 'running' };
    return this.takeOverIfLeftBehind(today, current, running, now);
  }

  private async takeOverIfLeftBehind(
    address: MarkerAddress,
    marker: StoredEntity<ActivityMarker>,
    running: ActivityMarker,
    now: number,
  ): Promise<TurnClaim> {
    if (marker.value.state !== 'running') return { kind: 'done' };
    if (marker.value.leaseUntil > now) return { kind: 'running' };
    // Another delivery took it over or its turn renewed it first: running again, under its lease.
    if ((await this.store.replace('activities', address.partition, address.key, running, marker.etag)) !== 'replaced') return { kind: 'running' };
    this.logger.info({ event: 'activityResumed' }, 'the turn of a re-sent activity ended with its process; running it again');
    return { kind: 'claimed', marker: address };
  }

  async purgeOldMarkers(): Promise<number> {
    let purged = 0;
    for (let daysAgo = KEEP_DAYS; daysAgo < KEEP_DAYS + 7; daysAgo += 1) {
      const partition = dayPartition(this.clock.now().getTime() - daysAgo * DAY_MS);
      for (const marker of await this.store.listPartition('activities', partition)) {
        await this.store.delete('activities', partition, marker.rowKey);
        purged += 1;
      }
    }
    return purged;
  }

  /** Keyed, so the table holds no conversation ids and no name a reader could recompute from one. */
  private markerKey(conversationId: string, activityId: string): string {
    return keyedDigest(this.markerKeySecret, `${conversationId}\u0000${activityId}`, 40);
  }
}

function dayPartition(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
