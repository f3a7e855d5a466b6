import { startBot, type RunningBot } from '../support/botHarness';
import { postToBot } from '../support/postToBot';
import { TestClock } from '../support/testClock';
import { messageActivity, teamsUser } from '../support/teamsActivities';

/**
 * A re-sent message is answered once (README, Reliability), also when Teams re-sends it just after
 * midnight: the de-duplication marker of a turn that finished yesterday lives in yesterday's
 * partition, and today's must not let the re-send run as a new message. The test of the marker
 * "left behind yesterday" covers only a turn that died; this one covers a turn that was answered.
 */
const clock = new TestClock('2026-11-24T23:59:50Z');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({}, { clock, runBackgroundWork: false });
});
afterAll(async () => {
  await bot.stop();
});

it('answers a message once when Teams re-sends it twenty seconds later, across midnight', async () => {
  const activity = messageActivity(teamsUser('Late Shift', 'en-GB'), bot.connector.url, 'help');
  expect((await postToBot(bot, activity)).status).toBe(200);
  expect(bot.connector.repliesTo(activity.id)).toHaveLength(1);

  clock.advanceMinutes(1 / 3);
  expect((await postToBot(bot, activity)).status).toBe(200);
  expect(bot.connector.repliesTo(activity.id)).toHaveLength(1);
});
