import type { Topic } from '../guidance/vocabulary';
import { CHOSEN_MOMENT, REMINDER_CHOICES, type ReminderHours } from '../reminders/reminder';
import type { CardButton } from './cardActions';
import type { CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';

export interface ReminderOfferCardData {
  readonly title: string;
  /** Why the day and time they chose could not be used, when they chose one. */
  readonly problem: string | null;
  readonly text: string;
  readonly choices: readonly CardButton[];
  readonly chosenMoment: {
    readonly title: string;
    readonly dayLabel: string;
    readonly timeLabel: string;
    /** The date input's bounds, in the person's time zone ("2026-12-06"). */
    readonly firstDay: string;
    readonly lastDay: string;
    /** What they chose before, when it was refused, so they change it rather than enter it again. */
    readonly day: string;
    readonly time: string;
    readonly requiredError: string;
    readonly send: CardButton;
  };
  readonly notNow: CardButton;
}

/** A day and time that could not be used: why, and what was chosen. */
export interface ChosenMomentRefused {
  readonly problem: string;
  readonly day?: string;
  readonly time?: string;
}

export interface ReminderOffer {
  readonly topic: Topic;
  readonly hours: ReminderHours;
  readonly days: { readonly first: string; readonly last: string };
  readonly refused?: ChosenMomentRefused;
}

/** "Remind me to check in" (Delay, the fourth D): when, as one of three moments or a day and time of their own. */
export function buildReminderOfferCard({ t }: CardContext, offer: ReminderOffer): CardSpec<ReminderOfferCardData> {
  const hourOf = (choice: (typeof REMINDER_CHOICES)[number]) =>
    `${String(choice === 'afterShift' ? offer.hours.afterShiftHour : offer.hours.morningHour).padStart(2, '0')}:00`;
  return {
    template: 'reminder-offer',
    data: {
      title: t('reminder.offer.title'),
      problem: offer.refused?.problem ?? null,
      text: t('reminder.offer.text'),
      choices: REMINDER_CHOICES.map((choice) => ({
        title: t(`reminder.choice.${choice}`, { hour: hourOf(choice) }),
        action: { verb: 'reminder.set', topic: offer.topic, choice },
      })),
      chosenMoment: {
        title: t('reminder.chosenMoment.title'),
        dayLabel: t('reminder.chosenMoment.day'),
        timeLabel: t('reminder.chosenMoment.time'),
        firstDay: offer.days.first,
        lastDay: offer.days.last,
        day: inFormat(offer.refused?.day, /^\d{4}-\d{2}-\d{2}$/),
        time: inFormat(offer.refused?.time, /^\d{2}:\d{2}$/),
        requiredError: t('reminder.chosenMoment.required'),
        send: { title: t('reminder.chosenMoment.set'), action: { verb: 'reminder.set', topic: offer.topic, choice: CHOSEN_MOMENT } },
      },
      notNow: { title: t('reminder.offer.notNow'), action: { verb: 'welcome.show' } },
    },
  };
}

/** Only a value in an input's own format goes back into it. */
function inFormat(value: string | undefined, format: RegExp): string {
  return value !== undefined && format.test(value) ? value : '';
}
