import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { EntityStore } from '../storage/entityStore';

const PARTITION = 'person';

/**
 * Where the bot can reach a person later (proactive messages): the conversation
 * reference of their personal chat, stored under their pseudonymous key.
 */
export class ConversationDirectory {
  // Saving once per person and process keeps a storage write off nearly every turn.
  private readonly savedThisProcess = new Set<string>();

  constructor(private readonly store: EntityStore) {}

  async remember(personKey: string, activity: Activity): Promise<void> {
    const conversationType = activity.conversation?.conversationType ?? 'personal';
    if (conversationType !== 'personal') return;
    const reference = TurnContext.getConversationReference(activity);
    const cacheKey = `${personKey}:${reference.conversation?.id}:${reference.serviceUrl}`;
    if (this.savedThisProcess.has(cacheKey)) return;
    await this.store.upsert('conversations', PARTITION, personKey, withoutNames(reference));
    this.savedThisProcess.add(cacheKey);
  }

  async find(personKey: string): Promise<Partial<ConversationReference> | undefined> {
    return (await this.store.get<Partial<ConversationReference>>('conversations', PARTITION, personKey))?.value;
  }

  async forget(personKey: string): Promise<void> {
    for (const key of this.savedThisProcess) if (key.startsWith(`${personKey}:`)) this.savedThisProcess.delete(key);
    await this.store.delete('conversations', PARTITION, personKey);
  }
}

/**
 * A reference needs ids to route a message, not display names; names are not ours to keep.
 * Without the last activity id, later messages start a new line in the chat instead of
 * replying to whatever the person last said.
 */
function withoutNames(reference: Partial<ConversationReference>): Partial<ConversationReference> {
  const { activityId: _lastActivity, ...rest } = reference;
  return {
    ...rest,
    user: reference.user ? { id: reference.user.id, name: '', aadObjectId: reference.user.aadObjectId } : undefined,
    bot: reference.bot ? { id: reference.bot.id, name: '' } : undefined,
    conversation: reference.conversation
      ? { ...reference.conversation, name: undefined as unknown as string }
      : reference.conversation,
  } as Partial<ConversationReference>;
}
