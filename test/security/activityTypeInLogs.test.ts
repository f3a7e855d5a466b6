import { startBot, type RunningBot } from '../support/botHarness';
import { postToBot } from '../support/postToBot';
import { messageActivity, teamsUser } from '../support/teamsActivities';

/**
 * "No message text ... is ever written to a log", also by a client that has no token: an activity's `type` is logged only
 * as one of the Bot Framework's activity types or `other`, in the warning for a refused channel (before any token is read)
 * and in the line after every request. Until the red team of stop 28 it was logged verbatim.
 */

const typedIntoType = 'Mijn collega Jeroen Smeets pest mij al maanden op afdeling 5';
const person = teamsUser('Iris Koopman', 'nl-NL');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  bot.logs.length = 0; // the leak is asserted below; let the harness stop cleanly
  await bot?.stop();
});

it.each([
  ['from another channel, refused before the token', { channelId: 'directline' }],
  ['from Teams, after the turn', {}],
])('writes no free text a client put in the activity type into the log: %s', async (_case, changes) => {
  const activity = { ...messageActivity(person, bot.connector.url, 'hallo'), type: typedIntoType, ...changes };
  await postToBot(bot, activity);
  expect(bot.logs.filter((line) => line.includes(typedIntoType))).toEqual([]);
});
