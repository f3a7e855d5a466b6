import type { RunningBot } from '../support/botHarness';
import { requestAdviser } from '../support/handoffRequests';
import { startBotWithGraphGroups } from '../support/graphBot';
import type { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Red team 2, stop 33, #3 (fixed: each batch of 100 is a once-step of its own). "A job notifies the activity feed once however often it is retried" (README,
 * reliability table; `notifyFeedOnce`). Graph takes at most 100 recipients per
 * sendActivityNotificationToRecipients, so the gateway sends a group of one language in batches of
 * 100 inside that one "once" step. When Graph throttles a later batch (429, the usual answer to a
 * burst of calls), the whole step fails, its marker is released and the retried job sends every
 * batch again: the first hundred advisers get the same notification twice (and again for every
 * further 429). A group of more than 100 in one language is a backup group of all HR advisers, a
 * programme group, or a group of thousands set by mistake.
 */
const advisers = Array.from({ length: 150 }, (_, index) => teamsUser(`Adviseur Nummer ${index + 1}`, 'nl-NL'));
const requester = teamsUser('Lotte Vermeulen', 'nl-NL');
const clock = new TestClock('2026-11-24T09:00:00Z');
let graph: LocalGraph;
let bot: RunningBot;

beforeAll(async () => {
  ({ bot, graph } = await startBotWithGraphGroups({ 'advisors-group': advisers }, { ADVISOR_GROUP_ID: 'advisors-group', PROGRAMME_GROUP_ID: 'advisors-group' }, clock));
}, 120_000);
afterAll(async () => {
  await bot?.stop();
  await graph?.stop();
});

it('notifies each adviser of a new request once when Graph throttles the second batch of 100 and the job is retried', async () => {
  // The first batch answers normally, the second is throttled twice.
  graph.failNext(/sendActivityNotificationToRecipients/, [{ delayMs: 0 }, { status: 429, retryAfterSeconds: 30 }, { status: 429, retryAfterSeconds: 30 }]);
  const { code } = await requestAdviser(bot, requester, { mode: 'anonymous', message: 'Mijn collega wordt steeds buitengesloten' });
  for (let minute = 0; minute < 8; minute += 1) {
    await bot.app.outbox.runDueJobs();
    clock.advanceMinutes(1);
  }

  const newCase = graph.deliveredNotifications().filter((n) => n.activityType === 'newCase' && n.templateParameters.caseCode === code);
  const timesNotified = new Map<string, number>();
  for (const notification of newCase) {
    for (const userId of notification.recipientUserIds) timesNotified.set(userId, (timesNotified.get(userId) ?? 0) + 1);
  }
  // Everyone was reached once the throttle passed...
  expect(timesNotified.size).toBe(advisers.length);
  // ...and nobody twice.
  expect([...timesNotified.values()].filter((times) => times > 1).length).toBe(0);
  // Two calls went through (100 and 50 recipients), after the two the stand-in throttled: no call was repeated.
  expect(newCase.map((notification) => notification.recipientUserIds.length).sort()).toEqual([100, 50].sort());
  expect(graph.callsTo(/sendActivityNotificationToRecipients/).filter((call) => call.status === 429)).toHaveLength(2);
  expect(await bot.app.outbox.pendingJobs()).toEqual([]);
}, 120_000);
