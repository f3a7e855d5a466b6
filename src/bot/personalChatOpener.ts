import type { ConversationReference, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { proactiveAddress } from './conversationDirectory';

/**
 * Opens (or finds: Teams keeps one) the personal chat of the person who sent this turn's activity, through the
 * connector of this turn. Teams allows it for a member of a team the bot is installed in, so an adviser who only ever
 * pressed a button in the pool's channel can still be reached where a claimed case's messages go. Throws what the
 * connector answered when Teams refuses.
 */
export async function openPersonalChatWithSender(context: TurnContext): Promise<Partial<ConversationReference>> {
  const { activity } = context;
  const connector = context.turnState.get<ConnectorClient | undefined>(context.adapter.ConnectorClientKey);
  if (!connector) throw new Error('no connector for this turn');
  const tenantId = activity.conversation.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  const opened = await connector.conversations.createConversation({
    isGroup: false,
    bot: activity.recipient,
    members: [{ id: activity.from.id, name: '' }],
    tenantId,
    channelData: { tenant: { id: tenantId } },
  });
  return proactiveAddress({
    channelId: activity.channelId,
    serviceUrl: opened.serviceUrl ?? activity.serviceUrl,
    conversation: { id: opened.id, conversationType: 'personal', tenantId, isGroup: false, name: '' },
    bot: activity.recipient,
  });
}
