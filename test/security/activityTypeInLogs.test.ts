import { startBot, type RunningBot } from '../support/botHarness';
import { postToBot } from '../support/postToBot';
import { messageActivity, teamsUser } from '../support/teamsActivities';

/**
 * Red team, stop 28. "No message text ... is ever written to a log", and activities from other
 * channels are refused "before anything is read". The HTTP edge checks only that `type` is a
 * non-empty string, then logs it verbatim: in the warning for a refused channel (before any token
 * is read, so anyone who can reach the port writes it) and in the debug line after every request.
 * Whatever a client puts in `type` (a sentence, a name, a body's worth of text) goes into the log.
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
