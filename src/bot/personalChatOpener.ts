import type { ConversationReference, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { proactiveAddress } from './conversationDirectory';

/**
 * How long opening the chat may take. A claim pressed in a channel waits for it before its invoke is answered, and Teams
 * wants an invoke answered within about five seconds (CONNECTOR_TIMEOUT_MS, 15 s by default, would show the adviser an
 * error): a chat not opened by then counts as refused, and the adviser presses Claim again.
 */
const OPEN_CHAT_TIMEOUT_MS = 3_000;

/**
 * Opens (or finds: Teams keeps one) the personal chat of the person who sent this turn's activity, through the
 * connector of this turn. Teams allows it for a member of a team the bot is installed in, so an adviser who only ever
 * pressed a button in the pool's channel can still be reached where a claimed case's messages go. Throws what the
 * connector answered when Teams refuses, or an abort when it takes longer than OPEN_CHAT_TIMEOUT_MS.
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
  }, { abortSignal: AbortSignal.timeout(OPEN_CHAT_TIMEOUT_MS) });
  return proactiveAddress({
    channelId: activity.channelId,
    serviceUrl: opened.serviceUrl ?? activity.serviceUrl,
    conversation: { id: opened.id, conversationType: 'personal', tenantId, isGroup: false, name: '' },
    bot: activity.recipient,
  });
}
