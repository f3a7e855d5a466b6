import type { Topic } from '../guidance/vocabulary';
import type { CardButton } from './cardActions';
import type { CardContext } from './cardContext';
import type { CardSpec } from './cardRenderer';

export interface CheckInReminderCardData {
  readonly title: string;
  readonly text: string;
  readonly openersTitle: string;
  /** The topic's check-in sentences (content/guidance/<topic>.json, checkIn). */
  readonly openers: readonly { readonly text: string }[];
  readonly buttons: readonly CardButton[];
}

/** "Remind me to check in" (Delay, the fourth D): the reminder itself, sent at the time the person chose. */
export function buildCheckInReminderCard(context: CardContext, topic: Topic): CardSpec<CheckInReminderCardData> {
  const { t, locale, content } = context;
  const guidance = content.guidance[topic];
  return {
    template: 'check-in-reminder',
    data: {
      title: t('reminder.card.title'),
      text: t('reminder.card.text', { topic: guidance.title[locale] }),
      openersTitle: t('reminder.card.openersTitle'),
      openers: guidance.checkIn[locale].map((text) => ({ text })),
      buttons: [
        { title: t('guidance.talk'), action: { verb: 'handoff.start', flow: { topic, perspective: 'witness' } } },
        { title: t('welcome.writeItDown'), action: { verb: 'note.start' } },
        { title: t('common.menu'), action: { verb: 'welcome.show' } },
      ],
    },
  };
}
