import { startBot, type RunningBot } from '../support/botHarness';
import { Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { teamsUser } from '../support/teamsActivities';

/**
 * No message text in any log line (README, Privacy): not whole, and not in part either. The scan every
 * bot runs on stop (test/support/personalData.ts) looks for each remembered text whole, so a log line
 * that kept the first words of a message, or one word of it, passed. Here every message carries made-up
 * words at its start, middle and end, and no log line may hold any of them.
 */
const MARKERS = ['Quorvalinde', 'Brezzomiet', 'Talpurnixe', 'Zwendoklar', 'Fyrmacolde', 'Ollivandrup'];

const adviser = teamsUser('Ingrid Valk', 'nl-NL');
const person = teamsUser('Jurre Ploeg', 'nl-NL');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:Ingrid Valk` }, { runBackgroundWork: false });
});
afterAll(async () => {
  await bot.stop();
});

it('writes no word of a message to the logs, not even its first or last words', async () => {
  await new Conversation(bot, adviser).installs();
  const chat = new Conversation(bot, person);
  const typed = [
    `${MARKERS[0]} mijn leidinggevende maakt ${MARKERS[1]} steeds seksuele opmerkingen ${MARKERS[2]}`,
    `${MARKERS[3]} er staat nu iemand met een mes bij de balie ${MARKERS[4]}`,
    `${MARKERS[1]} kunnen we morgen bellen ${MARKERS[2]}`,
  ];
  const requestMessage = `${MARKERS[5]} het gaat om mijn opleider`;
  await chat.says(typed[0]!);
  await chat.says(typed[1]!);
  const { caseId } = await requestAdviser(bot, person, { mode: 'anonymous', message: requestMessage });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, adviser).executes('case.claim', { caseId });
  await chat.says(typed[2]!);
  await bot.app.outbox.runDueJobs();

  expect(bot.logs.length).toBeGreaterThan(10);
  const logged = bot.logs.join('\n').toLowerCase();
  expect(MARKERS.filter((marker) => logged.includes(marker.toLowerCase()))).toEqual([]);
  // Not the words between the markers either, wherever in the message they stand (every word of five letters or more).
  const words = [...new Set([...typed, requestMessage].flatMap((text) => text.toLowerCase().split(/\s+/)).filter((word) => word.length >= 5))];
  expect(words.length).toBeGreaterThan(10);
  expect(words.filter((word) => new RegExp(`\\b${word}\\b`).test(logged))).toEqual([]);
});
