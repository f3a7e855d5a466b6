import type { ContactPreference } from '../../src/handoff/handoffCase';
import { allActions, cardText, Conversation, type BotReply, type ChattingBot } from './conversation';
import type { TeamsUser } from './teamsActivities';

export const CASE_CODE = /VK-[A-Z0-9]{4}-[A-Z0-9]{4}/;

export interface AdviserRequest {
  readonly mode?: 'anonymous' | 'named';
  readonly urgent?: boolean;
  readonly message?: string;
  /** How they would like to be contacted; the consent card's choice. */
  readonly contact?: ContactPreference;
  /**
   * What the person types to ask for an adviser (the language they type it in is the one answered),
   * or the topic of the guidance card whose "Talk to …" button they press.
   */
  readonly asks?: string | { readonly topic: string; readonly perspective?: string };
}

export interface RequestedAdviser {
  readonly caseId: string;
  readonly code: string;
  /** The consent card, for tests that read what it says will be shared. */
  readonly consent: BotReply;
  /** The data of the consent card's "Send request" button, for tests that press it again. */
  readonly sendRequest: Record<string, unknown>;
  /** Every reply to "Send request": the emergency card first when the message may tell of danger. */
  readonly replies: readonly BotReply[];
  /** The last of them: the confirmation. */
  readonly confirmation: BotReply;
}

/** Asks for an adviser the way a person does: `talk` (or "Talk to …" on a guidance card), then "Send request" on the consent card. */
export async function requestAdviser(bot: ChattingBot, person: TeamsUser, request: AdviserRequest = {}): Promise<RequestedAdviser> {
  const { consent, sendRequest } = await openConsent(bot, person, request.asks);
  // A message that may tell of danger is answered with the emergency card before the confirmation.
  const replies = await new Conversation(bot, person).submits(sendRequestValue(sendRequest, request));
  const confirmation = replies.at(-1)!;
  const caseId = allActions(confirmation.card!).find((action) => action.data?.caseId)!.data.caseId as string;
  return { caseId, code: CASE_CODE.exec(cardText(confirmation))![0], consent, sendRequest, replies, confirmation };
}

/**
 * The consent card and the data of its "Send request" button, for tests that press it their own
 * way: twice at once, on another instance, or held in the connector.
 */
export async function openConsent(
  bot: ChattingBot,
  person: TeamsUser,
  // A command word is answered in its own language: a Dutch client asks in Dutch, as the Teams command menu does for it.
  asks: AdviserRequest['asks'] = person.locale.toLowerCase().startsWith('nl') ? 'vertrouwenspersoon' : 'talk',
): Promise<{ readonly consent: BotReply; readonly sendRequest: Record<string, unknown> }> {
  const conversation = new Conversation(bot, person);
  const [consent] = typeof asks === 'string' ? await conversation.says(asks) : await conversation.submits({ verb: 'handoff.start', flow: asks });
  const sendRequest = allActions(consent!.card!).find((action) => action.data?.verb === 'handoff.confirm')!.data as Record<string, unknown>;
  return { consent: consent!, sendRequest };
}

/** What "Send request" submits with the consent card's fields filled in. */
export function sendRequestValue(
  sendRequest: Record<string, unknown>,
  { mode = 'anonymous', urgent = false, message, contact = 'teams-chat' }: AdviserRequest = {},
): Record<string, unknown> {
  return { ...sendRequest, mode, contact, urgent: String(urgent), ...(message ? { message } : {}) };
}

export async function requestAnonymously(bot: ChattingBot, person: TeamsUser, message?: string): Promise<{ caseId: string; code: string }> {
  return requestAdviser(bot, person, { message });
}
