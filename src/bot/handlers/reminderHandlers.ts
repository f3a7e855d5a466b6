import type { z } from 'zod';
import { buildNoticeCard } from '../../cards/noticeCard';
import { REMINDER_CHOICES, newReminder } from '../../reminders/reminder';
import { formatMoment } from '../../i18n/formatMoment';
import type { BotTurn } from '../botTurn';
import type { reminderSetPayload, reminderStartPayload } from '../cardPayloads';

/** "Remind me to check in" (Delay, the fourth D): asks when, and says what is kept. */
export async function offerReminder(turn: BotTurn, payload: z.infer<typeof reminderStartPayload>): Promise<void> {
  const { t } = turn;
  await turn.send(
    buildNoticeCard({
      title: t('reminder.offer.title'),
      text: t('reminder.offer.text'),
      buttons: [
        ...REMINDER_CHOICES.map((choice) => ({
          title: t(`reminder.choice.${choice}`, { hour: hourText(turn, choice) }),
          action: { verb: 'reminder.set' as const, topic: payload.topic, choice },
        })),
        { title: t('reminder.offer.notNow'), action: { verb: 'welcome.show' } },
      ],
    }),
  );
}

export async function setReminder(turn: BotTurn, payload: z.infer<typeof reminderSetPayload>): Promise<void> {
  const { t } = turn;
  const timeZone = personTimeZone(turn);
  const reminder = newReminder(
    { personKey: turn.personKey, topic: payload.topic, locale: turn.locale, choice: payload.choice, timeZone },
    turn.services.clock.now(),
    turn.services.reminderHours,
  );
  await turn.services.reminders.save(reminder);
  await turn.send(
    buildNoticeCard({
      title: t('reminder.set.title'),
      text: t('reminder.set.text', { when: formatMoment(new Date(reminder.dueAt), { locale: turn.locale, timeZone }, 'dayAndTime') }),
      buttons: [
        { title: t('reminder.cancel.button'), action: { verb: 'reminder.cancel' } },
        { title: t('common.menu'), action: { verb: 'welcome.show' } },
      ],
    }),
  );
}

/** The button on the confirmation, and `herinnering annuleren` / `cancel reminder`. */
export async function cancelReminder(turn: BotTurn): Promise<void> {
  const removed = await turn.services.reminders.remove(turn.personKey);
  await turn.send(buildNoticeCard({ text: turn.t(removed ? 'reminder.cancel.done' : 'reminder.cancel.none') }));
}

/** The person's own time zone as Teams reports it, else the organisation's. */
function personTimeZone(turn: BotTurn): string {
  return turn.clientTimeZone ?? turn.services.content.organisation.officeHours.timeZone;
}

function hourText(turn: BotTurn, choice: (typeof REMINDER_CHOICES)[number]): string {
  const hour = choice === 'afterShift' ? turn.services.reminderHours.afterShiftHour : turn.services.reminderHours.morningHour;
  return `${String(hour).padStart(2, '0')}:00`;
}
