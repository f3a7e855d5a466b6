import { ActivityTypes, CardFactory, type CloudAdapter } from 'botbuilder';
import { buildCheckInReminderCard } from '../cards/checkInReminderCard';
import type { CardRenderer } from '../cards/cardRenderer';
import type { AppContent } from '../content/appContent';
import { cardContextFor } from '../cards/cardContext';
import type { JobExecutors } from '../outbox/outbox';
import type { PreferencesRepository } from '../preferences/preferences';
import { checkInReminderHandler } from '../reminders/checkInReminderDelivery';
import type { ReminderStore } from '../reminders/reminderStore';
import { CHECK_IN_REMINDER_JOB } from '../reminders/reminderSweep';
import type { ConversationDirectory } from './conversationDirectory';
import { continueConversation } from './proactiveDelivery';

export interface ReminderDeliveryDependencies {
  readonly adapter: CloudAdapter;
  readonly botAppId: string;
  readonly conversations: ConversationDirectory;
  readonly cards: CardRenderer;
  readonly content: AppContent;
  /** A language the person chose after setting the reminder wins over the one it was set in. */
  readonly preferences: PreferencesRepository;
  /** The job sends a reminder only while the person still has it (not cancelled meanwhile). */
  readonly reminders: ReminderStore;
}

/**
 * The outbox executor that posts a due check-in reminder into the person's chat. Someone who
 * said "forget me" meanwhile has no chat address (and no reminder) any more: the job then ends
 * without a message.
 */
export function createReminderExecutors(dependencies: ReminderDeliveryDependencies): JobExecutors {
  return {
    [CHECK_IN_REMINDER_JOB]: checkInReminderHandler(dependencies.reminders, async (reminder) => {
      const reference = await dependencies.conversations.find(reminder.personKey);
      if (!reference) return;
      const locale = await dependencies.preferences.chosenLocaleOr(reminder.personKey, reminder.locale);
      const card = dependencies.cards.render(buildCheckInReminderCard(cardContextFor(dependencies.content, locale), reminder.topic));
      await continueConversation(dependencies.adapter, dependencies.botAppId, reference, async (turnContext) => {
        await turnContext.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] });
      });
    }),
  };
}
