import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { startTwoInstances, type TwoInstances } from '../support/twoInstances';
import { teamsUser } from '../support/teamsActivities';
import { waitFor } from '../support/waitFor';

/**
 * "Exactly once": one notification job makes several Graph calls of up to 15 s each (members, presence, the feed
 * notification per language, a card per adviser), longer together than its lease. The feed notification is claimed
 * before it is sent, so a second instance that runs the job never notifies the advisers of the same case again. The
 * lease is not renewed within this test (every 10 s in real time); the shared clock passing it stands for a renewal
 * that came too late, and `test/outbox/outbox.test.ts` tests the renewal itself. Until the red team of stop 28 the
 * lease ran out mid-job and both instances notified.
 */
jest.setTimeout(60_000);

const GRAPH_TOKEN = 'graph-token-for-slow-job-tests';
const clock = new TestClock('2026-11-24T09:00:00Z');
const femke = teamsUser('Femke Wouters', 'nl-NL');
const joost = teamsUser('Joost de Leeuw', 'nl-NL');
const requester = teamsUser('Mees van Dijk', 'nl-NL');
let instances: TwoInstances;

beforeAll(async () => {
  instances = await startTwoInstances('sqlite', {
    clock,
    graphToken: GRAPH_TOKEN,
    groups: { 'advisors-group': [femke, joost] },
    groupSettings: { ADVISOR_GROUP_ID: 'advisors-group' },
  });
});
afterAll(async () => {
  await instances?.stop();
});

it('notifies the advisers of a case once when Graph is slow enough for the job lease to run out', async () => {
  const { first, second, graph } = instances;
  const { code } = await requestAdviser(first, requester, { asks: 'vertrouwenspersoon' });

  // The first instance's feed call hangs (Graph slow, within the 15 s timeout) ...
  graph.failNext('/teamwork/sendActivityNotificationToRecipients', [{ delayMs: 1500 }]);
  const firstRun = first.app.outbox.runDueJobs();
  await waitFor(() => graph.callsTo('/teamwork/sendActivityNotificationToRecipients').length === 1, 5_000);
  // ... while a minute passes on the shared clock: the lease has run out, and the second instance's worker looks.
  clock.advanceMinutes(1.5);
  await second.app.outbox.runDueJobs();
  await firstRun;

  const notifications = graph.deliveredNotifications().filter((notification) => notification.templateParameters.caseCode === code);
  expect(notifications).toHaveLength(1);
});
