import type { z } from 'zod';
import { buildNoticeCard } from '../../cards/noticeCard';
import { buildReminderOfferCard, type ChosenMomentRefused } from '../../cards/reminderOfferCard';
import { CHOSEN_MOMENT, CHOSEN_MOMENT_MAX_DAYS, chosenMomentDays, chosenMomentFor, dueTimeFor, newReminder } from '../../reminders/reminder';
import type { Topic } from '../../guidance/vocabulary';
import { formatMoment } from '../../i18n/formatMoment';
import type { BotTurn } from '../botTurn';
import type { reminderSetPayload, reminderStartPayload } from '../cardPayloads';

/** "Remind me to check in" (Delay, the fourth D): asks when, and says what is kept. */
export async function offerReminder(turn: BotTurn, payload: z.infer<typeof reminderStartPayload>): Promise<void> {
  await sendOffer(turn, payload.topic);
}

export async function setReminder(turn: BotTurn, payload: z.infer<typeof reminderSetPayload>): Promise<void> {
  const { t } = turn;
  const timeZone = personTimeZone(turn);
  const now = turn.services.clock.now();
  let dueAt: Date;
  if (payload.choice === CHOSEN_MOMENT) {
    const chosen = chosenMomentFor(payload.remindDate ?? '', payload.remindTime ?? '', now, timeZone);
    if (chosen.outcome !== 'ok') {
      // Nothing is kept: the same card again, with the reason at its top and what they chose still filled in.
      const problem = t(`reminder.chosenMoment.${chosen.outcome}`, { days: CHOSEN_MOMENT_MAX_DAYS });
      return sendOffer(turn, payload.topic, { problem, day: payload.remindDate, time: payload.remindTime });
    }
    dueAt = chosen.dueAt;
  } else {
    dueAt = dueTimeFor(payload.choice, now, turn.services.reminderHours, timeZone);
  }
  const reminder = newReminder({ personKey: turn.personKey, topic: payload.topic, locale: turn.locale, timeZone }, dueAt, now);
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

async function sendOffer(turn: BotTurn, topic: Topic, refused?: ChosenMomentRefused): Promise<void> {
  const days = chosenMomentDays(turn.services.clock.now(), personTimeZone(turn));
  await turn.send(buildReminderOfferCard(turn.cardContext, { topic, hours: turn.services.reminderHours, days, refused }));
}

/** The person's own time zone as Teams reports it, else the organisation's. */
function personTimeZone(turn: BotTurn): string {
  return turn.clientTimeZone ?? turn.services.content.organisation.officeHours.timeZone;
}
