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
  constructor(
    private readonly store: EntityStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Written when the stored row is missing or says another address or day, so most turns read and do not write. Read,
   * not remembered in this process: "forget me" or the inactivity expiry on another instance deletes the row, and a
   * process that believed it saved today would leave the person with no address (their adviser's answer lost).
   */
  async remember(personKey: string, activity: Activity): Promise<void> {
    if (!isPersonalChat(activity)) return;
    const reference = TurnContext.getConversationReference(activity);
    const stored = (await this.store.get<StoredConversation>('conversations', PARTITION, personKey))?.value;
    if (stored?.seenOn === this.today() && stored.conversation?.id === reference.conversation?.id && stored.serviceUrl === reference.serviceUrl) return;
    await this.saveAddress(personKey, reference);
  }

  /** A personal chat the bot opened itself (openPersonalChatWithSender), kept as if the person had written there today. */
  async rememberOpened(personKey: string, reference: Partial<ConversationReference>): Promise<void> {
    await this.saveAddress(personKey, reference);
  }

  private async saveAddress(personKey: string, reference: Partial<ConversationReference>): Promise<void> {
    await this.store.upsert<StoredConversation>('conversations', PARTITION, personKey, { ...proactiveAddress(reference), seenOn: this.today() });
  }

  /** A day, not a time: enough for an expiry counted in months, and it says less about when someone wrote. */
  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  async find(personKey: string): Promise<Partial<ConversationReference> | undefined> {
    const stored = (await this.store.get<StoredConversation>('conversations', PARTITION, personKey))?.value;
    if (!stored) return undefined;
    const { seenOn: _seenOn, ...reference } = stored;
    return reference;
  }

  async forget(personKey: string): Promise<void> {
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
