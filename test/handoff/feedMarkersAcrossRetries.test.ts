import type { RunningBot } from '../support/botHarness';
import { requestAdviser } from '../support/handoffRequests';
import { startBotWithGraphGroups } from '../support/graphBot';
import type { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * A job notifies the activity feed once however often it is retried: the feed's step marker stays
 * until the job's delivered tombstone is purged. It was once cleared as soon as one pool had been
 * notified, so an escalation whose mail Graph throttled notified the backup group again on the
 * retry (review 2, finding 4: 2 escalation notifications).
 */

const femke = teamsUser('Femke Scholten', 'nl-NL');
const bram = teamsUser('Bram de Wit', 'nl-NL');
const requester = teamsUser('Lotte Vermeulen', 'nl-NL');
const clock = new TestClock('2026-11-24T09:00:00Z');
let graph: LocalGraph;
let bot: RunningBot;

beforeAll(async () => {
  ({ bot, graph } = await startBotWithGraphGroups(
    { 'advisors-group': [femke], 'backup-group': [bram] },
    { ADVISOR_GROUP_ID: 'advisors-group', BACKUP_GROUP_ID: 'backup-group', PROGRAMME_GROUP_ID: 'advisors-group', ESCALATE_URGENT_AFTER_MINUTES: '15' },
    clock,
  ));
});
afterAll(async () => {
  await bot?.stop();
  await graph?.stop();
});

it('notifies the backup group once when the escalation mail is throttled and the job retried, and purges the marker with the job', async () => {
  const { code } = await requestAdviser(bot, requester, { mode: 'named', urgent: true });
  await bot.app.outbox.runDueJobs();

  graph.failNext(/sendMail/, [{ status: 429, retryAfterSeconds: 60 }]);
  clock.advanceMinutes(16);
  await bot.app.runSweep();
  for (let minute = 0; minute < 10; minute += 1) {
    await bot.app.outbox.runDueJobs();
    clock.advanceMinutes(1);
  }

  const escalations = graph.deliveredNotifications().filter((n) => n.activityType === 'caseEscalated' && n.templateParameters.caseCode === code);
  expect(escalations).toHaveLength(1);
  expect(escalations[0].recipientUserIds).toEqual([bram.aadObjectId]);
  // The mail went on the retry: the job got past the step that once failed.
  expect(graph.callsTo(/\/sendMail$/).filter((call) => call.status === 429)).toHaveLength(1);
  expect(await bot.app.outbox.pendingJobs()).toEqual([]);
  expect(await bot.app.store.listPartition('outbox', 'feedNotified')).not.toEqual([]);

  // A month after delivery the tombstones go, and the jobs' feed markers with them.
  clock.advanceMinutes(31 * 24 * 60);
  await bot.app.outbox.purgeDeliveredMarkers();
  expect(await bot.app.store.listPartition('outbox', 'feedNotified')).toEqual([]);
});
