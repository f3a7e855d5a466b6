import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';
import type { HandoffCase } from '../../src/handoff/handoffCase';

/**
 * The danger question stays open when the person asks for an adviser instead of answering it (red team, stop 34 #8).
 * "Send request" closed it, so a "ja" or "help" typed to it while the request waited for its first adviser, which nobody
 * reads then, got the menu: no emergency card, and the request stayed not urgent. A "yes" meant for an adviser is told
 * apart another way since (dispatch's `answer` step: once the adviser has written since the question, it is theirs).
 */
const clock = new TestClock('2026-11-24T10:00:00Z');
const adviser = teamsUser('Hanneke Jacobs', 'nl-NL');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:Hanneke Jacobs` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot.stop();
});

const QUESTION = /Is anyone in immediate danger right now|Is er op dit moment iemand in direct gevaar/;
const EMERGENCY = /Do not put yourself in danger|Breng jezelf niet in gevaar/;

async function storedCase(caseId: string): Promise<HandoffCase> {
  return (await bot.app.store.get<HandoffCase>('cases', 'case', caseId))!.value;
}

it.each([
  ['en-GB', 'A colleague threatened a nurse with a knife', 'yes'],
  ['nl-NL', 'Een patiënt sloeg mijn collega', 'ja'],
  ['en-GB', 'A colleague threatened a nurse with a knife', 'help'],
])('(Teams in %s) "%s", a request sent without answering, then "%s": the emergency card, the request urgent', async (teamsLocale, situation, answer) => {
  const person = teamsUser('Noor Wacht', teamsLocale);
  const [question] = await new Conversation(bot, person).says(situation);
  expect(cardText(question)).toMatch(QUESTION);
  const { caseId } = await requestAdviser(bot, person, { mode: 'anonymous' });
  expect((await storedCase(caseId)).urgent).toBe(false);

  clock.advanceMinutes(2);
  const replies = await new Conversation(bot, person).says(answer);
  expect(cardText(replies[0])).toMatch(EMERGENCY);
  expect((await storedCase(caseId)).urgent).toBe(true);
});

it('leaves a "nee" typed then as the person\'s no: nothing urgent, no emergency card', async () => {
  const person = teamsUser('Daan Nee', 'nl-NL');
  expect(cardText((await new Conversation(bot, person).says('Een patiënt sloeg mijn collega'))[0])).toMatch(QUESTION);
  const { caseId } = await requestAdviser(bot, person, { mode: 'anonymous' });
  const replies = await new Conversation(bot, person).says('nee');
  expect(replies.map(cardText).join('\n')).not.toMatch(EMERGENCY);
  expect((await storedCase(caseId)).urgent).toBe(false);
});
