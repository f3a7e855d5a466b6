import { randomUUID } from 'node:crypto';
import type { Clock } from '../handoff/clock';
import { OutboundCallError } from '../handoff/advisorPorts';
import type { EntityStore, StoredEntity } from '../storage/entityStore';
import { LeaseRenewal } from '../storage/leaseRenewal';
import { MAX_RETRY_AFTER_MS } from './retryAfter';
import { purgeStepMarkersOf } from './stepClaims';

/**
 * The durable outbox: every outbound call (Graph notification, e-mail, proactive Teams
 * message) is first persisted as a job under an idempotency key, then executed by a
 * worker that retries with backoff (honouring Retry-After) and resumes after a restart.
 *
 *   outbox/job/<key>    pending jobs (a lease with the etag keeps two instances apart)
 *   outbox/done/<key>   tombstones, so a job enqueued again under the same key is not re-sent
 *
 * Delivery is at-least-once with a window of one call: a crash after the remote call
 * succeeded but before the job was marked done repeats that one call after the restart. A store
 * that fails the marker's write (busy, a timeout) does not open that window: the write is tried
 * again, and failing that the job row itself is marked delivered (`deliveredAt`), so its next run
 * writes the tombstone instead of calling again.
 */

export interface OutboxJob<Payload = unknown> {
  readonly key: string;
  readonly kind: string;
  readonly payload: Payload;
  readonly attempts: number;
  readonly createdAt: string;
  readonly nextAttemptAt: string;
  readonly leaseOwner: string | null;
  readonly leaseUntil: string | null;
  readonly lastFailure: string | null;
  readonly failed: boolean;
  /** When the job gave up; the row is deleted FAILED_JOB_RETENTION_DAYS later. */
  readonly failedAt?: string;
  /** The job this one runs after: it waits while that one is still to run (not delivered, not given up). */
  readonly after?: string;
  /** Delivered, but its tombstone could not be written then: the next run writes it and calls nothing. */
  readonly deliveredAt?: string;
}

export type JobExecutor = (payload: never, job: OutboxJob) => Promise<void>;

/** A job kind with its own patience, and what to do when it gives up (e.g. tell the sender). */
export interface JobHandler {
  readonly run: JobExecutor;
  /** Overrides the outbox's giveUpAfterMs for this kind. */
  readonly giveUpAfterMs?: number;
  /** Runs with the job's payload before it is erased; if it throws, giving up is tried again later. */
  readonly onGiveUp?: (payload: never, job: OutboxJob) => Promise<void>;
  /**
   * Jobs of this kind with the same answer run in the order they were enqueued: one waits while an earlier one is still
   * to run (due, retrying after a refusal, or in flight on another instance), as messages of one conversation must. A job
   * scheduled ahead and never tried (a minute's merged relay card) holds nothing back until it is due.
   */
  readonly inOrderOf?: (payload: never) => string | undefined;
}
export type JobExecutors = Readonly<Record<string, JobExecutor | JobHandler>>;

function handlerFor(executors: JobExecutors, kind: string): JobHandler | undefined {
  const entry = executors[kind];
  return typeof entry === 'function' ? { run: entry } : entry;
}

export interface OutboxOptions {
  readonly pollIntervalMs?: number;
  readonly leaseMs?: number;
  /**
   * How long one run of a job may take before it counts as failed (and is retried) and its lease
   * is no longer renewed: a connector call on a half-open socket never returns, and would otherwise
   * hold the job on every instance, and the shutdown, until the process restarts.
   */
  readonly maxJobMs?: number;
  readonly maxBackoffMs?: number;
  /** After this long a job stops retrying and is marked failed for an operator to see. */
  readonly giveUpAfterMs?: number;
  readonly concurrency?: number;
  readonly onEvent?: (event: OutboxEvent) => void;
}

export type OutboxEvent =
  | { readonly type: 'delivered'; readonly kind: string; readonly attempts: number }
  | { readonly type: 'retryScheduled'; readonly kind: string; readonly attempts: number; readonly delayMs: number; readonly reason: string }
  | { readonly type: 'failed'; readonly kind: string; readonly attempts: number; readonly reason: string }
  | { readonly type: 'leaseAbandoned'; readonly kind: string }
  /** Delivered, its tombstone refused by the store: the job row says so until its next run writes it. */
  | { readonly type: 'deliveredMarkerPending'; readonly kind: string };

const JOBS = 'job';
const MAX_MERGE_ATTEMPTS = 8;
const DONE = 'done';
/**
 * A delivered job's marker is written again after these pauses (ms) when the store refuses it: SQLITE_BUSY
 * and Azure Tables' 503 ServerBusy pass within a second, and the call must not be made again meanwhile.
 */
const MARK_DELIVERED_RETRY_MS = [50, 250, 1000] as const;

export class Outbox {
  private readonly instanceId = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private rerunRequested = false;
  private stopped = true;
  private lastMarkerPurgeAt: number | undefined;
  private readonly options: Required<Omit<OutboxOptions, 'onEvent'>> & Pick<OutboxOptions, 'onEvent'>;

  constructor(
    private readonly store: EntityStore,
    private readonly clock: Clock,
    private readonly executors: JobExecutors,
    options: OutboxOptions = {},
  ) {
    // The same default as OUTBOX_LEASE_MS.
    const leaseMs = options.leaseMs ?? 30_000;
    this.options = {
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      leaseMs,
      maxJobMs: options.maxJobMs ?? 10 * leaseMs,
      maxBackoffMs: options.maxBackoffMs ?? 5 * 60_000,
      giveUpAfterMs: options.giveUpAfterMs ?? 7 * 24 * 60 * 60_000,
      concurrency: options.concurrency ?? 4,
      onEvent: options.onEvent,
    };
  }

  /** Persists a job; the same key twice (or after it was delivered) is one job. */
  async enqueue(key: string, kind: string, payload: unknown): Promise<'enqueued' | 'alreadyEnqueued'> {
    if (!this.executors[kind]) throw new Error(`No executor for outbox job kind ${kind}`);
    if (await this.store.get('outbox', DONE, key)) return 'alreadyEnqueued';
    const now = this.clock.now().toISOString();
    const job: OutboxJob = {
      key,
      kind,
      payload,
      attempts: 0,
      createdAt: now,
      nextAttemptAt: now,
      leaseOwner: null,
      leaseUntil: null,
      lastFailure: null,
      failed: false,
    };
    const outcome = await this.store.insert('outbox', JOBS, key, job);
    if (outcome === 'inserted') this.kick();
    return outcome === 'inserted' ? 'enqueued' : 'alreadyEnqueued';
  }

  /** Whether a job is waiting (or failed) under this key, or was delivered and its tombstone is still kept. */
  async holds(key: string): Promise<boolean> {
    return Boolean((await this.store.get('outbox', JOBS, key)) ?? (await this.store.get('outbox', DONE, key)));
  }

  /**
   * Adds to a job that has not started yet, or creates it due at `notBefore`. Used to merge a
   * quick series of relayed messages into one; 'full' when the job has started (or failed)
   * already, or `combine` refuses to take more. A new job runs `after` the job under that key.
   */
  async enqueueMerged<Payload>(
    key: string,
    kind: string,
    payload: Payload,
    combine: (pending: Payload) => Payload | undefined,
    notBefore: Date,
    after?: string,
  ): Promise<'enqueued' | 'merged' | 'full'> {
    if (!this.executors[kind]) throw new Error(`No executor for outbox job kind ${kind}`);
    for (let attempt = 0; attempt < MAX_MERGE_ATTEMPTS; attempt += 1) {
      if (await this.store.get('outbox', DONE, key)) return 'full';
      const pending = await this.store.get<OutboxJob>('outbox', JOBS, key);
      if (!pending) {
        const createdAt = this.clock.now().toISOString();
        const job: OutboxJob = {
          key,
          kind,
          payload,
          attempts: 0,
          createdAt,
          nextAttemptAt: notBefore.toISOString(),
          leaseOwner: null,
          leaseUntil: null,
          lastFailure: null,
          failed: false,
          ...(after ? { after } : {}),
        };
        if ((await this.store.insert('outbox', JOBS, key, job)) === 'inserted') return 'enqueued';
        continue;
      }
      const job = pending.value;
      if (job.attempts > 0 || job.leaseOwner || job.failed) return 'full';
      const combined = combine(job.payload as Payload);
      if (combined === undefined) return 'full';
      // The etag keeps a worker that leases the job meanwhile from running the older payload.
      if ((await this.store.replace('outbox', JOBS, key, { ...job, payload: combined }, pending.etag)) === 'replaced') return 'merged';
    }
    return 'full';
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Runs the due jobs soon, without waiting for the next poll. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerunRequested = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.runDueJobs()
      .then(() => undefined)
      // A failing store is retried on the next poll; /readyz reports it meanwhile.
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.rerunRequested) {
          this.rerunRequested = false;
          this.kick();
        } else {
          this.timer = setTimeout(() => this.kick(), this.options.pollIntervalMs);
          this.timer.unref();
        }
      });
  }

  /** Stops polling after the jobs in flight; with `flush`, first delivers what is due now. */
  async stop({ flush = false }: { flush?: boolean } = {}): Promise<void> {
    if (flush && !this.stopped) {
      await this.running;
      await this.runDueJobs();
    }
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /**
   * Delivered keys guard against sending a job twice; a month after delivery no retry or re-sent
   * activity can still bring the same key, so the marker goes.
   */
  async purgeDeliveredMarkers(olderThanDays = 30): Promise<number> {
    // The sweep runs every minute; reading every marker is worth it once a day.
    const now = this.clock.now().getTime();
    if (this.lastMarkerPurgeAt !== undefined && now - this.lastMarkerPurgeAt < 86_400_000) return 0;
    this.lastMarkerPurgeAt = now;
    const cutoff = now - olderThanDays * 86_400_000;
    const purgedKeys = new Set<string>();
    for (const marker of await this.store.listPartition<{ doneAt: string }>('outbox', DONE)) {
      if (new Date(marker.value.doneAt).getTime() >= cutoff) continue;
      await this.store.delete('outbox', DONE, marker.rowKey);
      purgedKeys.add(marker.rowKey);
    }
    // A job's step markers stay while it may still be retried, so they go with its tombstone.
    await purgeStepMarkersOf(this.store, purgedKeys);
    return purgedKeys.size;
  }

  /**
   * A failed job (dead letter) keeps only its key (with the case id), kind and attempts, for an
   * operator to see what did not go out; after `olderThanDays` the row itself goes.
   */
  async purgeFailedJobs(olderThanDays: number): Promise<number> {
    const cutoff = this.clock.now().getTime() - olderThanDays * 86_400_000;
    const purgedKeys = new Set<string>();
    for (const entity of await this.store.listPartition<OutboxJob>('outbox', JOBS)) {
      const job = entity.value;
      // Jobs that failed before failedAt was kept count from their last scheduled attempt.
      if (!job.failed || new Date(job.failedAt ?? job.nextAttemptAt).getTime() >= cutoff) continue;
      await this.store.delete('outbox', JOBS, entity.rowKey);
      purgedKeys.add(entity.rowKey);
    }
    // A failed job gets no tombstone: its step markers go with its row.
    await purgeStepMarkersOf(this.store, purgedKeys);
    return purgedKeys.size;
  }

  async pendingJobs(): Promise<OutboxJob[]> {
    return (await this.store.listPartition<OutboxJob>('outbox', JOBS)).map((entity) => entity.value);
  }

  /**
   * One pass over the due jobs; returns how many were delivered. Tests with a test clock call this directly.
   * A job due `after` another that is still to run waits; once that one is delivered in this pass, it runs
   * in the same pass, so that jobs due together in a row (a minute's merged relay cards) keep their order.
   */
  async runDueJobs(): Promise<number> {
    const tried = new Set<string>();
    let delivered = 0;
    for (;;) {
      const now = this.clock.now();
      const listed = await this.store.listPartition<OutboxJob>('outbox', JOBS);
      const toRun = new Set(listed.filter((entity) => !entity.value.failed).map((entity) => entity.rowKey));
      const due = listed.filter(
        (entity) =>
          !tried.has(entity.rowKey) &&
          !entity.value.failed &&
          new Date(entity.value.nextAttemptAt) <= now &&
          (!entity.value.leaseUntil || new Date(entity.value.leaseUntil) <= now),
      );
      const behindEarlier = this.waitingBehindEarlier(listed, now);
      const ready = due.filter((entity) => (!entity.value.after || !toRun.has(entity.value.after)) && !behindEarlier.has(entity.rowKey));
      // Oldest first: the order in which people confirmed their requests.
      ready.sort((a, b) => a.value.createdAt.localeCompare(b.value.createdAt));
      let deliveredNow = 0;
      for (let index = 0; index < ready.length; index += this.options.concurrency) {
        const batch = ready.slice(index, index + this.options.concurrency);
        for (const entity of batch) tried.add(entity.rowKey);
        const results = await Promise.all(batch.map((entity) => this.runJob(entity)));
        deliveredNow += results.filter(Boolean).length;
      }
      delivered += deliveredNow;
      if (deliveredNow === 0 || ready.length === due.length) return delivered;
    }
  }

  /** The jobs that wait for an earlier job of their order group (JobHandler.inOrderOf) that is still to run. */
  private waitingBehindEarlier(listed: readonly StoredEntity<OutboxJob>[], now: Date): Set<string> {
    const waiting = new Set<string>();
    const groupsWithAnEarlierJob = new Set<string>();
    const inEnqueueOrder = [...listed].sort((a, b) => a.value.createdAt.localeCompare(b.value.createdAt));
    for (const { rowKey, value: job } of inEnqueueOrder) {
      // A job given up, or delivered with its tombstone still to write (its payload gone), holds nothing back.
      if (job.failed || job.payload === null) continue;
      const orderKey = handlerFor(this.executors, job.kind)?.inOrderOf?.(job.payload as never);
      if (orderKey === undefined) continue;
      const group = `${job.kind}\u0000${orderKey}`;
      if (groupsWithAnEarlierJob.has(group)) waiting.add(rowKey);
      const scheduledAheadAndUntried = job.attempts === 0 && new Date(job.nextAttemptAt) > now;
      if (!scheduledAheadAndUntried) groupsWithAnEarlierJob.add(group);
    }
    return waiting;
  }

  private async runJob(entity: StoredEntity<OutboxJob>): Promise<boolean> {
    const now = this.clock.now();
    const leased: OutboxJob = {
      ...entity.value,
      leaseOwner: this.instanceId,
      leaseUntil: new Date(now.getTime() + this.options.leaseMs).toISOString(),
    };
    // Taking the lease with the etag means exactly one instance runs the job.
    if ((await this.store.replace('outbox', JOBS, leased.key, leased, entity.etag)) !== 'replaced') return false;
    const leasedEntity = await this.store.get<OutboxJob>('outbox', JOBS, leased.key);
    if (!leasedEntity || leasedEntity.value.leaseOwner !== this.instanceId) return false;
    // An instance that lost the lease mid-run and then delivered leaves the row to us, with its tombstone.
    if (await this.store.get('outbox', DONE, leased.key)) {
      await this.store.delete('outbox', JOBS, leased.key);
      return false;
    }
    // Delivered by an earlier run whose tombstone the store refused: the marker now, the call never again.
    if (leasedEntity.value.deliveredAt) {
      // Still refused: the row keeps its lease, and the run after it tries again.
      if (!(await this.writeTombstone(leased.key, leased.kind).then(() => true, () => false))) return false;
      await this.store.delete('outbox', JOBS, leased.key);
      this.options.onEvent?.({ type: 'delivered', kind: leased.kind, attempts: leased.attempts });
      return true;
    }

    const handler = handlerFor(this.executors, leased.kind);
    const attempts = leased.attempts + 1;
    // A job of several calls to a slow Graph (15 s each) can outlast one lease, and another instance would then run it a
    // second time; a call that never returns (a half-open socket) fails the run at maxJobMs, so it lets go of the job.
    const lease = new LeaseRenewal<OutboxJob>(this.store, 'outbox', { partitionKey: JOBS, rowKey: leased.key }, leasedEntity, {
      renewed: (job) => ({ ...job, leaseUntil: new Date(this.clock.now().getTime() + this.options.leaseMs).toISOString() }),
      isOurs: (job) => job.leaseOwner === this.instanceId,
      leaseMs: this.options.leaseMs,
      maxMs: this.options.maxJobMs,
      onDeadline: () => {
        this.options.onEvent?.({ type: 'leaseAbandoned', kind: leased.kind });
        return new OutboundCallError(`job ${leased.kind} deadline`, true);
      },
    });
    try {
      if (!handler) throw new OutboundCallError(`job ${leased.kind}`, false);
      await Promise.race([handler.run(leased.payload as never, leased), lease.deadline]);
    } catch (error) {
      // Another instance holds the row now (it ran or rescheduled the job): its outcome stands, not ours.
      if (!(await lease.settle())) return false;
      await this.recordFailure(lease.current ?? leasedEntity, attempts, error);
      return false;
    }
    // Delivered: from here on no failure of the store may let the job run again.
    const ours = await lease.stop();
    if (!(await this.markDelivered(leased, lease.current, ours, attempts))) return false;
    // With the tombstone written a row left behind is harmless: its next run only deletes it.
    const stillLeased = await lease.settle().catch(() => false);
    if (!stillLeased) return false;
    await this.store.delete('outbox', JOBS, leased.key).catch(() => undefined);
    this.options.onEvent?.({ type: 'delivered', kind: leased.kind, attempts });
    return true;
  }

  /**
   * The tombstone of a delivered job, tried again while the store refuses it (delivered all the same when another
   * instance took the row: the tombstone keeps it from sending again). When the store keeps refusing, the job row we
   * still hold is marked delivered, without its payload, so its next run writes the tombstone and calls nothing.
   * False when neither could be written: only then may the call be made again, a window no write can close.
   */
  private async markDelivered(job: OutboxJob, held: StoredEntity<OutboxJob> | undefined, ours: boolean, attempts: number): Promise<boolean> {
    try {
      await this.writeTombstone(job.key, job.kind);
      return true;
    } catch {
      if (!ours || !held) return false;
    }
    const now = this.clock.now().toISOString();
    const delivered: OutboxJob = { ...held.value, payload: null, attempts, deliveredAt: now, nextAttemptAt: now, leaseOwner: null, leaseUntil: null };
    const outcome = await retriedWhileRefused(() => this.store.replace('outbox', JOBS, job.key, delivered, held.etag)).catch(() => 'failed' as const);
    if (outcome === 'replaced') this.options.onEvent?.({ type: 'deliveredMarkerPending', kind: job.kind });
    return false;
  }

  private async writeTombstone(key: string, kind: string): Promise<void> {
    await retriedWhileRefused(() => this.store.upsert('outbox', DONE, key, { kind, doneAt: this.clock.now().toISOString() }));
  }

  /** Lets the job's kind react (tell the sender) while the payload is still there. */
  private async giveUp(handler: JobHandler | undefined, job: OutboxJob): Promise<boolean> {
    if (!handler?.onGiveUp || job.payload === null) return true;
    try {
      await handler.onGiveUp(job.payload as never, job);
      return true;
    } catch {
      return false;
    }
  }

  /** Called with the lease just renewed, so that giving up (telling the sender) happens on one instance only. */
  private async recordFailure(entity: StoredEntity<OutboxJob>, attempts: number, error: unknown): Promise<void> {
    const job = entity.value;
    const now = this.clock.now();
    const retryable = !(error instanceof OutboundCallError) || error.retryable;
    // Only the error's type and status are kept: messages may quote personal data.
    const reason =
      error instanceof OutboundCallError
        ? `${error.operation}${error.statusCode ? ` HTTP ${error.statusCode}` : ''}`
        : error instanceof Error
          ? error.name
          : 'unknown';
    const handler = handlerFor(this.executors, job.kind);
    const tooOld = now.getTime() - new Date(job.createdAt).getTime() > (handler?.giveUpAfterMs ?? this.options.giveUpAfterMs);
    if ((!retryable || tooOld) && (await this.giveUp(handler, job))) {
      const outcome = await this.store.replace(
        'outbox',
        JOBS,
        job.key,
        // A job that will not run again keeps no content: a relayed message would otherwise stay stored.
        { ...job, payload: null, attempts, failed: true, failedAt: now.toISOString(), lastFailure: reason, leaseOwner: null, leaseUntil: null },
        entity.etag,
      );
      if (outcome === 'replaced') this.options.onEvent?.({ type: 'failed', kind: job.kind, attempts, reason });
      return;
    }
    const backoffMs = Math.min(this.options.maxBackoffMs, 1000 * 2 ** (attempts - 1)) * (0.8 + Math.random() * 0.4);
    // Capped here too for any OutboundCallError not built from parseRetryAfter.
    const retryAfterMs = error instanceof OutboundCallError ? Math.min(error.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS) : 0;
    const delayMs = Math.round(Math.max(backoffMs, retryAfterMs));
    const outcome = await this.store.replace(
      'outbox',
      JOBS,
      job.key,
      {
        ...job,
        attempts,
        lastFailure: reason,
        nextAttemptAt: new Date(now.getTime() + delayMs).toISOString(),
        leaseOwner: null,
        leaseUntil: null,
      },
      entity.etag,
    );
    if (outcome === 'replaced') this.options.onEvent?.({ type: 'retryScheduled', kind: job.kind, attempts, delayMs, reason });
  }
}

/** A store write tried again after each pause of MARK_DELIVERED_RETRY_MS while it throws; the last error goes to the caller. */
async function retriedWhileRefused<T>(write: () => Promise<T>): Promise<T> {
  for (const pauseMs of MARK_DELIVERED_RETRY_MS) {
    try {
      return await write();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
  return write();
}
