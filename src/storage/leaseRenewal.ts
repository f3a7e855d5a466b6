import { nodeTimers, type CancelTimer, type Scheduler } from '../shared/scheduler';
import type { EntityStore, StoredEntity, TableName } from './entityStore';

export interface LeaseRenewalOptions<T> {
  /** The row's value with its lease moved on from now. */
  readonly renewed: (value: T) => T;
  /** Whether the row as stored is still this holder's: another instance may have taken it over. */
  readonly isOurs: (value: T) => boolean;
  readonly leaseMs: number;
  /** Renewing stops after this long, so work that never ends cannot hold its row for ever. */
  readonly maxMs: number;
  /** When maxMs has passed: renewing has stopped, and `deadline` rejects with this error. */
  readonly onDeadline: () => Error;
  /** A renewal that found the row taken over, or a store that failed; renewing goes on after a failure only. */
  readonly onRenewalFailed?: (failure: { readonly lost: boolean; readonly error?: unknown }) => void;
  readonly scheduler?: Scheduler;
}

/**
 * Keeps a lease on a row while its holder works (an outbox job, a message's turn): renewed every
 * third of the lease with the etag, so a lease another instance took meanwhile is not taken back;
 * never for longer than `maxMs`. A short lease then frees a row soon after its holder died, and
 * work slower than one lease is still not run twice.
 */
export class LeaseRenewal<T> {
  private readonly cancelRenewals: CancelTimer;
  private readonly cancelDeadline: CancelTimer;
  private renewing: Promise<void> = Promise.resolve();
  private lost = false;
  /** Rejects when the work has taken `maxMs`; an outbox job races its handler against it. */
  readonly deadline: Promise<never>;

  /**
   * @param entity the row as leased; without it (the etag not read yet) the first renewal reads the
   * row and renews it only if it is still ours.
   */
  constructor(
    private readonly store: EntityStore,
    private readonly table: TableName,
    private readonly address: { readonly partitionKey: string; readonly rowKey: string },
    private entity: StoredEntity<T> | undefined,
    private readonly options: LeaseRenewalOptions<T>,
  ) {
    const scheduler = options.scheduler ?? nodeTimers;
    this.cancelRenewals = scheduler.every(Math.max(1, Math.floor(options.leaseMs / 3)), () => {
      this.renewing = this.renewing.then(() => this.renew());
      return this.renewing;
    });
    let expire: (error: Error) => void = () => undefined;
    this.deadline = new Promise<never>((_resolve, reject) => (expire = reject));
    // Nobody may be racing it (a turn, or a job kind without a handler); its rejection is then no error.
    this.deadline.catch(() => undefined);
    this.cancelDeadline = scheduler.after(options.maxMs, () => {
      this.cancelRenewals();
      expire(options.onDeadline());
    });
  }

  /** The row as last renewed, with the etag an outcome must be written with. */
  get current(): StoredEntity<T> | undefined {
    return this.entity;
  }

  /** Stops renewing once a renewal in flight has ended; false when another instance took the row meanwhile. */
  async stop(): Promise<boolean> {
    this.cancelRenewals();
    this.cancelDeadline();
    await this.renewing;
    return !this.lost;
  }

  /**
   * Stops renewing and renews once more, so an outcome is written under a lease this holder still
   * has; false when another instance took the row meanwhile.
   */
  async settle(): Promise<boolean> {
    if (!(await this.stop())) return false;
    await this.take();
    return !this.lost;
  }

  private async renew(): Promise<void> {
    if (this.lost) return;
    try {
      await this.take();
      if (this.lost) this.options.onRenewalFailed?.({ lost: true });
    } catch (error) {
      // A store that fails now is tried again at the next renewal; the lease may run out meanwhile.
      this.options.onRenewalFailed?.({ lost: false, error });
    }
  }

  private async take(): Promise<void> {
    const { partitionKey, rowKey } = this.address;
    const held = this.entity ?? (await this.store.get<T>(this.table, partitionKey, rowKey));
    if (!held || !this.options.isOurs(held.value)) {
      this.lost = true;
      return;
    }
    if ((await this.store.replace(this.table, partitionKey, rowKey, this.options.renewed(held.value), held.etag)) !== 'replaced') {
      this.lost = true;
      return;
    }
    const stored = await this.store.get<T>(this.table, partitionKey, rowKey);
    if (!stored || !this.options.isOurs(stored.value)) this.lost = true;
    else this.entity = stored;
  }
}
