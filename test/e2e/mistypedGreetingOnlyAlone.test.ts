import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * A bare "helo" is one typing error from "help" and from "hello" and asks for the menu, as a greeting does; the exception
 * holds only for that word alone and never for a word that holds an alarm word whole, so "HELPO ME!!", "helpo!!" and
 * "helo me please!!" get the danger question first (isMistypedGreeting in routes.ts; found by the final review of stop 31).
 */
const clock = new TestClock('2026-11-24T10:00:00Z');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({}, { clock, runBackgroundWork: false });
});
afterAll(async () => {
  await bot.stop();
});

const QUESTION = /Is anyone in immediate danger right now|Is er op dit moment iemand in direct gevaar/;
const EMERGENCY = /Safety first|Veiligheid eerst/;

it.each([
  ['HELPO ME!!', 'en-GB'],
  ['helpo!!', 'en-GB'],
  ['helo me please!!', 'en-GB'],
])('"%s" (%s) gets the danger question or the emergency card first, not the menu', async (text, locale) => {
  const person = new Conversation(bot, teamsUser(`Noor Groet ${[...text].map((c) => c.codePointAt(0)).join('-')} ${locale}`, locale));
  const replies = await person.says(text);
  expect(cardText(replies[0])).toMatch(new RegExp(`${QUESTION.source}|${EMERGENCY.source}`));
});
