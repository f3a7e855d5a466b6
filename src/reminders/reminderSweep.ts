import { createHash } from 'node:crypto';
import type { Clock } from '../handoff/clock';
import { keyedDigest } from '../shared/keyedDigest';
import type { Locale, Topic } from '../guidance/vocabulary';
import { isDue, type Reminder } from './reminder';
import type { ReminderStore } from './reminderStore';

export const CHECK_IN_REMINDER_JOB = 'reminder.checkIn';

/** What the outbox job that sends a reminder holds: no text, only whose chat, the topic and the language. */
export interface CheckInReminderJob {
  readonly personKey: string;
  readonly topic: Topic;
  readonly locale: Locale;
}

/** The durable queue the reminder is handed to for delivery (the outbox). */
export interface ReminderQueue {
  enqueue(key: string, kind: typeof CHECK_IN_REMINDER_JOB, payload: CheckInReminderJob): Promise<unknown>;
  /** Whether a job is waiting or was delivered under this key (the outbox keeps delivered keys for a month). */
  holds(key: string): Promise<boolean>;
}

/**
 * Hands every due reminder to the outbox, which sends it (and retries), then removes it. Queued
 * under a key made of the person and the due time, so a sweep that stops between the two steps
 * (a restart) queues the same job again, which the outbox takes as one.
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
    const due = (await this.reminders.all()).filter((reminder) => isDue(reminder, now));
    for (const reminder of due) {
      if (!(await this.queue.holds(unkeyedJobKey(reminder)))) {
        await this.queue.enqueue(this.jobKey(reminder), CHECK_IN_REMINDER_JOB, { personKey: reminder.personKey, topic: reminder.topic, locale: reminder.locale });
      }
      await this.reminders.removeIfUnchanged(reminder);
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
