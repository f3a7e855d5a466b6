import type { HandoffCase } from '../../src/handoff/handoffCase';
import { startBotWithLocalAdviser, type RunningBot } from './botHarness';
import { cardText, Conversation, type BotReply } from './conversation';
import { requestAnonymously } from './handoffRequests';
import { TestClock } from './testClock';
import { teamsUser, type TeamsUser } from './teamsActivities';

/** The danger question's text in either language, as a card shows it (src/bot/handlers/flowHandlers.ts asks it). */
export const DANGER_QUESTION = /Is anyone in immediate danger right now|Is er op dit moment iemand in direct gevaar/;

/** The emergency card's title in either language: danger `now` shows it first. */
export const EMERGENCY_CARD = /Safety first|Veiligheid eerst/;

/** What the bot tells a person whose answer marked their open request urgent, in either language. */
export const MARKED_URGENT = /now marked urgent|nu als dringend gemarkeerd|is nu dringend/;

/** A story whose danger the classifier leaves open, so the bot asks the danger question: one in English, one in Dutch. */
export const EN_STORY = 'A colleague threatened a nurse with a knife';
export const NL_STORY = 'Een patiënt sloeg mijn collega';

/** A case as the bot stored it, to see whether an answer marked the person's request urgent. */
export async function storedCase(bot: RunningBot, caseId: string): Promise<HandoffCase> {
  return (await bot.app.store.get<HandoffCase>('cases', 'case', caseId))!.value;
}

/**
 * The bot the conversations of typed answers run against: one local adviser, who has opened the chat, so a person can
 * have an open request for a yes to mark; on a test clock; no background work.
 */
export async function startBotForDangerAnswers(): Promise<RunningBot> {
  return startBotWithLocalAdviser(teamsUser('Ria Adviseur', 'nl-NL'), { clock: new TestClock('2026-11-24T10:00:00Z') });
}

/** A person of their own for each answer: their name holds the answer's code points. */
export function personFor(name: string, answer: string, locale: string): TeamsUser {
  return teamsUser(`${name} ${[...answer].map((c) => c.codePointAt(0)).join('-')}`, locale);
}

/** The person's anonymous request waits for an adviser; then the story raises the danger question. */
export async function questionWhileRequestWaits(bot: RunningBot, person: Conversation, story: string): Promise<{ readonly caseId: string }> {
  const { caseId } = await requestAnonymously(bot, person.user, 'Ik wil graag even praten.');
  await bot.app.outbox.runDueJobs();
  const [question] = await person.says(story);
  expect(cardText(question)).toMatch(DANGER_QUESTION);
  return { caseId };
}

/** The question asked again, the numbers above it. */
export function expectQuestionAgainNumbersFirst(reply: BotReply): void {
  const again = cardText(reply);
  expect(again).toMatch(DANGER_QUESTION);
  expect(again.indexOf('112')).toBeGreaterThanOrEqual(0);
  expect(again.indexOf('112')).toBeLessThan(again.search(DANGER_QUESTION));
}
