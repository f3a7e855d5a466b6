import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * A typed answer to "is anyone in danger right now?" is no yes when the person says they do not want help ("I don't need
 * an ambulance", "hulp is niet nodig"), but a negation of something else does not hide the call for help: "ik voel me niet
 * veilig help", "I dont feel safe help", "hij stopt niet help", "niet veilig hulp nodig" and "help niet ophangen" are the
 * Yes button, the emergency card first (safety first: recall beats precision). Found by the final review of stop 31, when
 * a negation anywhere within three words of the alarm word negated it (negatedInClause in routes.ts, needWords in
 * content/danger-answers).
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
  ['nl-NL', 'Een patiënt sloeg mijn collega', 'ik voel me niet veilig help'],
  ['en-GB', 'A colleague threatened a nurse with a knife', 'I dont feel safe help'],
  ['nl-NL', 'Een patiënt sloeg mijn collega', 'hij stopt niet help'],
  ['nl-NL', 'Een patiënt sloeg mijn collega', 'niet veilig hulp nodig'],
  ['nl-NL', 'Een patiënt sloeg mijn collega', 'help niet ophangen'],
])('(%s) "%s", then "%s" shows the emergency card first', async (locale, story, answer) => {
  const person = new Conversation(bot, teamsUser(`Mees Onveilig ${answer.length} ${locale}`, locale));
  const [question] = await person.says(story);
  expect(cardText(question)).toMatch(QUESTION);

  const replies = await person.says(answer);
  expect(cardText(replies[0])).toMatch(EMERGENCY);
});
