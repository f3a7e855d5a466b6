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
    await this.store.upsert('conversations', PARTITION, personKey, proactiveAddress(reference));
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
 * Only what a proactive message into an existing chat needs: the conversation id, the service
 * URL, the tenant and the bot. Teams posts to /v3/conversations/{id}/activities without knowing
 * who the user is, so the user's ids (the `29:` id and the Entra object id) and every name stay
 * out: this row sits under the same person key as an anonymous case, and must not say whose it is.
 * Without the last activity id, later messages start a new line in the chat instead of replying
 * to whatever the person last said.
 */
export function proactiveAddress(reference: Partial<ConversationReference>): Partial<ConversationReference> {
  const { conversation, bot } = reference;
  return {
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
    conversation: conversation
      ? ({ id: conversation.id, conversationType: conversation.conversationType, tenantId: conversation.tenantId } as ConversationReference['conversation'])
      : undefined,
    bot: bot ? { id: bot.id, name: '' } : undefined,
  };
}
