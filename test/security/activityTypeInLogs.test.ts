import { startBot, type RunningBot } from '../support/botHarness';
import { postToBot } from '../support/postToBot';
import { messageActivity, teamsUser } from '../support/teamsActivities';

/**
 * "No message text ... is ever written to a log", also by a client that has no token: an activity's `type` is logged only
 * as one of the Bot Framework's activity types or `other`, in the warning for a refused channel (before any token is read)
 * and in the line after every request. Until the red team of stop 28 it was logged verbatim. No word of it may reach a log
 * line, so a type logged cut short (its first words, a name among them) fails too.
 */

const words = ['Xandrijn', 'Quellhorst', 'Vrelmoth'];
const typedIntoType = `${words[0]} ${words[1]} pest mij al maanden op ${words[2]}`;
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
])('logs no word a client put in the activity type, only a known type or "other": %s', async (_case, changes) => {
  bot.logs.length = 0;
  await postToBot(bot, { ...messageActivity(person, bot.connector.url, 'hallo'), type: typedIntoType, ...changes });
  for (const word of words) expect(bot.logs.filter((line) => line.toLowerCase().includes(word.toLowerCase()))).toEqual([]);
  const loggedTypes = bot.logs.flatMap((line) => {
    const { activityType, type } = JSON.parse(line) as { activityType?: unknown; type?: unknown };
    return [activityType, type].filter((value): value is string => typeof value === 'string');
  });
  expect(loggedTypes.length).toBeGreaterThan(0);
  for (const logged of loggedTypes) expect(['message', 'other']).toContain(logged);
});
