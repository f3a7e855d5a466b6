import type { Locale, Topic } from '../guidance/vocabulary';
import type { CheckInReminderJob } from './reminderSweep';
import type { ReminderStore } from './reminderStore';

/** What the chat is sent: the reminder's topic for the sentences, in its language. */
export interface CheckInReminderToSend {
  readonly personKey: string;
  readonly topic: Topic;
  readonly locale: Locale;
}

/**
 * The outbox's handling of a check-in reminder job, without the transport (`send` posts the card).
 * The job sends the reminder only while the person still has it, due at the job's time: one cancelled,
 * forgotten or set again while Teams refused the first sends (the outbox retries for up to a week) is
 * not sent. Delivered or given up, the reminder goes.
 */
export function checkInReminderHandler(reminders: ReminderStore, send: (reminder: CheckInReminderToSend) => Promise<void>) {
  return {
    run: async (job: CheckInReminderJob): Promise<void> => {
      const reminder = await reminderStillSet(reminders, job);
      if (!reminder) return;
      await send(reminder);
      await removeQueuedReminder(reminders, job);
    },
    onGiveUp: async (job: CheckInReminderJob): Promise<void> => {
      await removeQueuedReminder(reminders, job);
    },
  };
}

async function reminderStillSet(reminders: ReminderStore, job: CheckInReminderJob): Promise<CheckInReminderToSend | undefined> {
  if (job.dueAt === undefined) {
    // A job without its due time was queued by an earlier version, which removed the reminder as it queued it.
    return job.topic && job.locale ? { personKey: job.personKey, topic: job.topic, locale: job.locale } : undefined;
  }
  const reminder = await reminders.find(job.personKey);
  if (!reminder || reminder.dueAt !== job.dueAt) return undefined;
  return { personKey: job.personKey, topic: reminder.topic, locale: reminder.locale };
}

async function removeQueuedReminder(reminders: ReminderStore, job: CheckInReminderJob): Promise<void> {
  if (job.dueAt === undefined) return;
  const reminder = await reminders.find(job.personKey);
  if (reminder?.dueAt === job.dueAt) await reminders.removeIfUnchanged(reminder);
}
