import { isoWeekOf } from '../../src/insights/insightEvents';
import { SEALED_KEYS_PARTITION } from '../../src/insights/weekTagKeys';
import { startBot, type RunningBot } from '../support/botHarness';
import { Conversation } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Red team, stop 29. "Deletes that key a week after the week ended, so no tag can then be tied to
 * anyone" (README, Programme insights). The week tag keys are discarded only when an instance
 * writes counts of a later week (`writePending` → `discardOldTagKeys`); the sweep never does. A bot
 * that keeps running but counts nothing (a quiet holiday, a paused programme, a pilot that ended)
 * keeps the sealed key of the last busy week for as long as it is quiet, so
 * whoever holds the person-key secret and the tables can still tie that week's tags to people.
 */
let bot: RunningBot;
const clock = new TestClock('2026-11-24T10:00:00Z');
beforeAll(async () => {
  bot = await startBot({}, { clock, runBackgroundWork: false });
});
afterAll(async () => {
  await bot.stop();
});

describe('a week tag key on a bot that is quiet afterwards', () => {
  it('is deleted a week after its week ended, by the sweep, though nothing is counted after it', async () => {
    const busyWeek = isoWeekOf(clock.now());
    const person = teamsUser('Rosa Quiet', 'en-GB');
    await new Conversation(bot, person).says('My supervisor shouts at me in front of patients');
    await bot.app.flushInsights();
    const keysAfterTheBusyWeek = (await bot.app.store.listPartition('insights', SEALED_KEYS_PARTITION)).map((row) => row.rowKey);
    expect(keysAfterTheBusyWeek).toContain(busyWeek);

    // Three quiet weeks: the bot runs its sweep and flushes its (empty) counts every day.
    for (let day = 0; day < 21; day++) {
      clock.advanceDays(1);
      await bot.app.runSweep();
      await bot.app.flushInsights();
    }
    const keysNow = (await bot.app.store.listPartition('insights', SEALED_KEYS_PARTITION)).map((row) => row.rowKey);
    expect(keysNow).not.toContain(busyWeek);
  });
});
