import type { RunningBot } from '../support/botHarness';
import { Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { startBotWithGraphGroups } from '../support/graphBot';
import type { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';
import { waitFor } from '../support/waitFor';

/**
 * "Never lose a request": a connector call that never returns (a half-open socket to the Teams service) once held the
 * advisers' notification job, renewing its lease for good, on every instance and through the shutdown (review 2 of
 * stop 28). A run now fails after ten leases and the job is retried. The lease is 300 ms here, so ten are 3 s.
 */
jest.setTimeout(30_000);

const femke = teamsUser('Femke Scholten', 'nl-NL');
const joost = teamsUser('Joost Verbeek', 'nl-NL');
const requester = teamsUser('Lotte Vermeulen', 'nl-NL');
const clock = new TestClock('2026-11-24T09:00:00Z');
let graph: LocalGraph;
let bot: RunningBot;

beforeAll(async () => {
  ({ bot, graph } = await startBotWithGraphGroups(
    { 'advisors-group': [femke, joost] },
    { ADVISOR_GROUP_ID: 'advisors-group', PROGRAMME_GROUP_ID: 'advisors-group', OUTBOX_LEASE_MS: '300' },
    clock,
  ));
});
afterAll(async () => {
  await bot?.stop();
  await graph?.stop();
});

it('reaches the advisers when the case card post to one of them never returns: the run lets go and the retry posts it', async () => {
  const { code } = await requestAdviser(bot, requester, { mode: 'named' });

  bot.connector.heldConversations.add(femke.conversationId);
  let settled = false;
  // A run that rejects (the store closed under a hung call at teardown) is no letting go, nor a crash of the test run.
  void bot.app.outbox.runDueJobs().then(
    () => (settled = true),
    () => undefined,
  );
  await waitFor(() => bot.connector.held.includes(femke.conversationId), 10_000);
  // Before review 2 the run never settled: the lease was renewed for as long as the call hung.
  await waitFor(() => settled, 10_000);

  bot.connector.heldConversations.delete(femke.conversationId);
  for (let minute = 0; minute < 10; minute += 1) {
    clock.advanceMinutes(1);
    await bot.app.outbox.runDueJobs();
  }
  const cardsWithCode = [femke, joost].map(
    (adviser) => new Conversation(bot, adviser).proactiveCards().filter((card) => JSON.stringify(card).includes(code)).length,
  );
  expect(cardsWithCode).toEqual([1, 1]);
  expect(graph.deliveredNotifications().filter((notification) => notification.templateParameters.caseCode === code)).toHaveLength(1);
  expect((await bot.app.outbox.pendingJobs()).filter((job) => !job.failed)).toEqual([]);
});
