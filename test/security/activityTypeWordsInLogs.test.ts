import { startBot, type RunningBot } from '../support/botHarness';
import { postToBot } from '../support/postToBot';
import { messageActivity, teamsUser } from '../support/teamsActivities';

/**
 * The Security table: a client cannot write text into the log through an activity's `type`; the
 * log shows one of the Bot Framework's activity types or `other`. activityTypeInLogs.test.ts looks
 * for the whole sentence, so a type logged cut short (its first words, a name among them) passed;
 * here no word of it may reach a log line, and the type logged is a known one or `other`.
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
