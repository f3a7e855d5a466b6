import type { RunningBot } from './botHarness';
import { allActions, cardText, Conversation } from './conversation';
import type { TeamsUser } from './teamsActivities';

export const CASE_CODE = /VK-[A-Z0-9]{4}-[A-Z0-9]{4}/;

export interface AdviserRequest {
  readonly mode?: 'anonymous' | 'named';
  readonly urgent?: boolean;
  readonly message?: string;
}

/** Asks for an adviser the way a person does: `talk`, then "Send request" on the consent card. */
export async function requestAdviser(
  bot: RunningBot,
  person: TeamsUser,
  { mode = 'anonymous', urgent = false, message }: AdviserRequest = {},
): Promise<{ caseId: string; code: string }> {
  const conversation = new Conversation(bot, person);
  const [consent] = await conversation.says('talk');
  const send = allActions(consent.card!).find((action) => action.data?.verb === 'handoff.confirm')!.data;
  // A message that may tell of danger is answered with the emergency card before the confirmation.
  const confirmation = (await conversation.submits({
    ...send,
    mode,
    contact: 'teams-chat',
    urgent: String(urgent),
    ...(message ? { message } : {}),
  })).at(-1)!;
  const caseId = allActions(confirmation.card!).find((action) => action.data?.caseId)!.data.caseId as string;
  return { caseId, code: CASE_CODE.exec(cardText(confirmation))![0] };
}

export async function requestAnonymously(bot: RunningBot, person: TeamsUser, message?: string): Promise<{ caseId: string; code: string }> {
  return requestAdviser(bot, person, { message });
}
