import { createHash } from 'node:crypto';
import type { Clock } from '../handoff/clock';
import { keyedDigest } from '../shared/keyedDigest';
import type { Locale, Topic } from '../guidance/vocabulary';
import { isDue, type Reminder } from './reminder';
import type { ReminderStore } from './reminderStore';

export const CHECK_IN_REMINDER_JOB = 'reminder.checkIn';

/**
 * What the outbox job that sends a reminder holds: no text, only whose reminder and its due time. The
 * topic and language are read from the reminder when it is sent, so a reminder cancelled (or forgotten,
 * or set again) while the job waits is not sent (see `checkInReminderDelivery.ts`).
 */
export interface CheckInReminderJob {
  readonly personKey: string;
  readonly dueAt?: string;
  /** Jobs queued before stop 33 carried the topic and language instead of the due time; their reminder was already gone. */
  readonly topic?: Topic;
  readonly locale?: Locale;
}

/** The durable queue the reminder is handed to for delivery (the outbox). */
export interface ReminderQueue {
  enqueue(key: string, kind: typeof CHECK_IN_REMINDER_JOB, payload: CheckInReminderJob): Promise<unknown>;
  /** Whether a job is waiting or was delivered under this key (the outbox keeps delivered keys for a month). */
  holds(key: string): Promise<boolean>;
}

/**
 * Hands every due reminder to the outbox, which sends it (and retries), and marks it queued; the job
 * removes it once delivered. Queued under a key made of the person and the due time, so a sweep that
 * stops between the two steps (a restart) queues the same job again, which the outbox takes as one.
 */
export class ReminderSweep {
  /**
   * @param jobKeySecret keys the job key (`PersonKeys.derivedKey('reminder-jobs')`): the outbox
   * keeps a delivered key for a month, after forget-me too, and due times fall on a grid of
   * minutes, so an unkeyed hash of person key and due time leads back to the person key.
   */
  constructor(
    private readonly reminders: ReminderStore,
    private readonly queue: ReminderQueue,
    private readonly clock: Clock,
    private readonly jobKeySecret: Buffer,
  ) {}

  async run(): Promise<number> {
    const now = this.clock.now();
    const reminders = await this.reminders.all();
    const due = reminders.filter((reminder) => isDue(reminder, now) && !reminder.queuedAt);
    for (const reminder of due) {
      if (await this.queue.holds(unkeyedJobKey(reminder))) {
        await this.reminders.removeIfUnchanged(reminder);
        continue;
      }
      await this.queue.enqueue(this.jobKey(reminder), CHECK_IN_REMINDER_JOB, { personKey: reminder.personKey, dueAt: reminder.dueAt });
      // Kept, not removed: while Teams refuses the send, "cancel reminder" must still find it and stop it.
      await this.reminders.markQueued(reminder, now);
    }
    // A job whose end could not remove its reminder (the store failing then) leaves it queued; once the
    // outbox holds nothing of that job any more (its delivered key or failed row purged), it goes.
    for (const reminder of reminders.filter((candidate) => candidate.queuedAt)) {
      if (!(await this.queue.holds(this.jobKey(reminder)))) await this.reminders.removeIfUnchanged(reminder);
    }
    return due.length;
  }

  private jobKey(reminder: Reminder): string {
    return `reminder:${keyedDigest(this.jobKeySecret, `${reminder.personKey}\u0000${reminder.dueAt}`, 32)}`;
  }
}

/**
 * The key versions before stop 29 queued under. A sweep of such a version that stopped after
 * queueing but before removing the reminder left both; the job is the outbox's to send, so the
 * reminder is only removed. Only reminders due before the upgrade can be in that state: once an
 * upgraded sweep has run, this check finds nothing, and it can go in the next release.
 */
function unkeyedJobKey(reminder: Reminder): string {
  return `reminder:${createHash('sha256').update(`${reminder.personKey}\u0000${reminder.dueAt}`).digest('hex').slice(0, 32)}`;
}
