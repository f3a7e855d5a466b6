import { startBot, type RunningBot } from '../support/botHarness';
import { storedRowCounts } from '../support/storedRows';
import { messageActivity, teamsUser } from '../support/teamsActivities';
import { postToBot } from '../support/postToBot';

/**
 * The README's activity-shape row: an activity whose own id, sender id or recipient id is empty is
 * refused with 400 like one without it. hostileActivities.test.ts empties each of them only together
 * with another field (an empty from.id beside an empty aadObjectId) or leaves the field out, so a
 * shape that took any string for an id passed it.
 */
describe('an activity with an empty id Teams always fills', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  const person = teamsUser('Empty Ids', 'en-GB');

  it.each([
    ['an empty activity id', { id: '' }],
    ['an empty from.id beside a real aadObjectId', { from: { id: '', aadObjectId: person.aadObjectId, name: 'Empty Ids' } }],
    ['an empty recipient id', { recipient: { id: '', name: 'Bot' } }],
  ])('%s is refused with 400: no reply, no row', async (_kind, change) => {
    const activity = { ...messageActivity(person, bot.connector.url, 'talk'), ...change };
    const rowsBefore = JSON.stringify(storedRowCounts(bot));
    const callsBefore = bot.connector.calls.length;
    const response = await postToBot(bot, activity);
    expect(response.status).toBe(400);
    expect(bot.connector.calls.length).toBe(callsBefore);
    expect(JSON.stringify(storedRowCounts(bot))).toBe(rowsBefore);
  });

  it('the same message with its ids is answered (the control)', async () => {
    const activity = messageActivity(person, bot.connector.url, 'talk');
    const response = await postToBot(bot, activity);
    expect(response.status).toBe(200);
    expect(bot.connector.repliesTo(activity.id).length).toBeGreaterThan(0);
  });
});
