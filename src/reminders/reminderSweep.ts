import { createHash } from 'node:crypto';
import type { Clock } from '../handoff/clock';
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
}

/**
 * Hands every due reminder to the outbox, which sends it (and retries), then removes it. Queued
 * under a key made of the person and the due time, so a sweep that stops between the two steps
 * (a restart) queues the same job again, which the outbox takes as one.
 */
export class ReminderSweep {
  constructor(
    private readonly reminders: ReminderStore,
    private readonly queue: ReminderQueue,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<number> {
    const now = this.clock.now();
    const due = (await this.reminders.all()).filter((reminder) => isDue(reminder, now));
    for (const reminder of due) {
      await this.queue.enqueue(jobKey(reminder), CHECK_IN_REMINDER_JOB, { personKey: reminder.personKey, topic: reminder.topic, locale: reminder.locale });
      await this.reminders.removeIfUnchanged(reminder);
    }
    return due.length;
  }
}

/** Hashed: the outbox keeps a delivered key for a month, which must not lead back to the person key after forget-me. */
function jobKey(reminder: Reminder): string {
  return `reminder:${createHash('sha256').update(`${reminder.personKey}\u0000${reminder.dueAt}`).digest('hex').slice(0, 32)}`;
}
