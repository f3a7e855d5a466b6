import type { RunningBot } from './botHarness';
import { allActions, cardText, Conversation } from './conversation';
import type { TeamsUser } from './teamsActivities';

export const CASE_CODE = /VK-[A-Z0-9]{4}-[A-Z0-9]{4}/;

/** Asks for an adviser anonymously the way a person does: `talk`, then "Send request" on the consent card. */
export async function requestAnonymously(bot: RunningBot, person: TeamsUser, message?: string): Promise<{ caseId: string; code: string }> {
  const conversation = new Conversation(bot, person);
  const [consent] = await conversation.says('talk');
  const send = allActions(consent.card!).find((action) => action.data?.verb === 'handoff.confirm')!.data;
  // A message that may tell of danger is answered with the emergency card before the confirmation.
  const confirmation = (await conversation.submits({
    ...send,
    mode: 'anonymous',
    contact: 'teams-chat',
    urgent: 'false',
    ...(message ? { message } : {}),
  })).at(-1)!;
  const caseId = allActions(confirmation.card!).find((action) => action.data?.caseId)!.data.caseId as string;
  return { caseId, code: CASE_CODE.exec(cardText(confirmation))![0] };
}
