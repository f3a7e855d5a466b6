import { Conversation } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { startTwoInstances, type TwoInstances } from '../support/twoInstances';
import { teamsUser } from '../support/teamsActivities';
import { isoWeekOf } from '../../src/insights/insightEvents';
import { readInsightWeek, tagGroupOf } from '../../src/insights/insightsRecorder';
import { WeekTagKeys } from '../../src/insights/weekTagKeys';

/**
 * "Forget me" with two instances on one store: the person's last messages may still be counted in the
 * memory of the instance that did not handle "forget me". Its next write must not add their tag back to
 * this week's counters. Until review 2 of stop 28 it did.
 */
jest.setTimeout(60_000);

const GRAPH_TOKEN = 'graph-token-for-forget-on-two-instances';
const clock = new TestClock('2026-11-24T10:00:00Z');
const adviser = teamsUser('Hanneke Jacobs', 'nl-NL');
let instances: TwoInstances;

beforeAll(async () => {
  instances = await startTwoInstances('sqlite', {
    clock,
    graphToken: GRAPH_TOKEN,
    groups: { 'advisors-group': [adviser] },
    groupSettings: { ADVISOR_GROUP_ID: 'advisors-group' },
  });
});
afterAll(async () => {
  await instances?.stop();
});

it("keeps a forgotten person's tag out of this week's counters when another instance writes their last messages afterwards", async () => {
  const { first, second } = instances;
  const person = teamsUser('Noor Bakker', 'en-GB');
  await new Conversation(first, person).says('hello');
  await first.app.flushInsights();
  // Counted on the second instance, in memory until its next flush.
  await new Conversation(second, person).says('hello');

  const onFirst = new Conversation(first, person);
  await onFirst.says('forget me');
  await onFirst.clicks('Yes, forget me');
  await first.app.flushInsights();
  await second.app.flushInsights();

  const week = isoWeekOf(clock.now());
  const tagKeys = new WeekTagKeys(first.app.store, first.app.services.personKeys.derivedKey('insights-week-tag-keys'));
  const tagOf = await tagKeys.tagOf(week);
  const personKey = first.app.services.personKeys.keyFor(person.aadObjectId);
  const stored = await readInsightWeek(first.app.store, week);
  expect([...stored.people].filter(([counter, tags]) => tags.has(tagOf(tagGroupOf(counter), personKey))).map(([counter]) => counter)).toEqual([]);
  // The counts stay: they name no one.
  expect(stored.counts.get('intent:help')).toBe(2);
});
