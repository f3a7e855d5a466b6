import { isoWeekOf } from '../../src/insights/insightEvents';
import type { StoredInsightWeek } from '../../src/insights/insightsRecorder';
import { SEALED_KEYS_PARTITION } from '../../src/insights/weekTagKeys';
import { startBot, type RunningBot } from '../support/botHarness';
import { Conversation } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Red team, stop 29. "The programme's figures hold counters only"; "Minimal data: only labels and
 * counts are stored". The distinct-person tags of a week are one HMAC of the person key under the
 * week's key, the same tag in every counter that person touched. Someone who reads the insights
 * table (no secret needed, and still after the week's key is deleted: the tags stay) joins one
 * person's labels across counters: the one person tagged in `topic:research-integrity` is also the
 * one tagged in `perspective:accused` and `role:student` and `locale:nl`. A small cell (one research-
 * integrity question in a week) becomes a profile of one person, which the banding of the report
 * was meant to prevent.
 */
let bot: RunningBot;
const clock = new TestClock('2026-11-24T10:00:00Z');
beforeAll(async () => {
  bot = await startBot({}, { clock, runBackgroundWork: false });
});
afterAll(async () => {
  await bot.stop();
});

/** Counters that hold the tag. */
function countersWith(week: StoredInsightWeek, tag: string): string[] {
  return Object.entries(week.people)
    .filter(([, tags]) => tags.includes(tag))
    .map(([name]) => name)
    .sort();
}

describe('the insights table read without the secret', () => {
  it('does not join one person\'s labels across counters, also after the week\'s key is gone', async () => {
    const week = isoWeekOf(clock.now());
    // Six others this week, about bullying, as employees.
    for (let index = 0; index < 6; index++) {
      const other = new Conversation(bot, teamsUser(`Colleague Number${'abcdef'[index]}`, 'en-GB'));
      await other.says('My colleagues keep leaving me out of the team lunch on purpose, what should I do?');
      await other.clicks('No, not right now');
      await other.clicks('Employee');
    }
    // The one research-integrity question of the week.
    const student = new Conversation(bot, teamsUser('Student Integrity', 'nl-NL'));
    await student.says('Ik kreeg te horen dat ik tekst uit het artikel van een collega heb gekopieerd zonder bronvermelding. Wat moet ik doen?');
    await student.clicks('Nee, nu niet');
    await student.clicks('Student');
    await bot.app.flushInsights();

    // While the key lives, the one person's tag is in that counter alone.
    const live = (await bot.app.store.get<StoredInsightWeek>('insights', week, 'counts'))!.value;
    const [liveTag] = live.people['topic:research-integrity'] ?? [];
    expect(liveTag).toBeDefined();
    expect(countersWith(live, liveTag!).filter((name) => !name.includes('research-integrity'))).toEqual([]);

    // Two weeks on, the week's key has been discarded (an event of a later week triggers it).
    clock.advanceDays(15);
    await new Conversation(bot, teamsUser('Later Visitor', 'en-GB')).says('help');
    await bot.app.flushInsights();

    const keptKeys = (await bot.app.store.listPartition('insights', SEALED_KEYS_PARTITION)).map((row) => row.rowKey);
    expect(keptKeys).not.toContain(week);

    const stored = (await bot.app.store.get<StoredInsightWeek>('insights', week, 'counts'))!.value;
    expect(stored.counts['topic:research-integrity']).toBe(1);
    const [tagOfTheOne] = stored.people['topic:research-integrity'] ?? [];
    const joined = tagOfTheOne ? countersWith(stored, tagOfTheOne) : [];
    // At most the research-integrity counter itself (and its own aggregate) may hold that tag.
    expect(joined.filter((name) => !name.includes('research-integrity'))).toEqual([]);
    // Once the key is gone no tag is left at all, only the capped distinct counts the report needs.
    expect(Object.values(stored.people).flat()).toEqual([]);
    expect(stored.distinctPeople?.['topic:research-integrity']).toBe(1);
  });
});
