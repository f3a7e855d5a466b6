import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Clock } from '../handoff/clock';
import type { EntityStore } from '../storage/entityStore';
import { isPersonalChat } from './conversationKind';

const PARTITION = 'person';

/** The stored row: the proactive address and the day the person last wrote (for the inactivity expiry). */
export type StoredConversation = Partial<ConversationReference> & { readonly seenOn?: string };

/**
 * Where the bot can reach a person later (proactive messages): the conversation
 * reference of their personal chat, stored under their pseudonymous key, with the day they last
 * used the bot, so that someone who stops using it is forgotten after a while (src/preferences/personInactivity.ts).
 */
export class ConversationDirectory {
  // Saving once per person, process and day keeps a storage write off nearly every turn. One entry
  // per person (the last address and day saved), so a process that runs for months stays bounded.
  private readonly lastSavedThisProcess = new Map<string, string>();

  constructor(
    private readonly store: EntityStore,
    private readonly clock: Clock,
  ) {}

  async remember(personKey: string, activity: Activity): Promise<void> {
    if (!isPersonalChat(activity)) return;
    const reference = TurnContext.getConversationReference(activity);
    // A day, not a time: enough for an expiry counted in months, and it says less about when someone wrote.
    const seenOn = this.clock.now().toISOString().slice(0, 10);
    const saved = `${reference.conversation?.id}|${reference.serviceUrl}|${seenOn}`;
    if (this.lastSavedThisProcess.get(personKey) === saved) return;
    await this.store.upsert<StoredConversation>('conversations', PARTITION, personKey, { ...proactiveAddress(reference), seenOn });
    this.lastSavedThisProcess.set(personKey, saved);
  }

  /** How many people this process remembers having saved: at most one entry each, whatever the days. */
  get peopleSavedThisProcess(): number {
    return this.lastSavedThisProcess.size;
  }

  async find(personKey: string): Promise<Partial<ConversationReference> | undefined> {
    const stored = (await this.store.get<StoredConversation>('conversations', PARTITION, personKey))?.value;
    if (!stored) return undefined;
    const { seenOn: _seenOn, ...reference } = stored;
    return reference;
  }

  async forget(personKey: string): Promise<void> {
    this.lastSavedThisProcess.delete(personKey);
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
