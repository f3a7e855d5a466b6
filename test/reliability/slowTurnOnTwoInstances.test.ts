import { TURN_LEASE_MS } from '../../src/bot/activityDeduplication';
import { postToBot } from '../support/postToBot';
import { cardText, Conversation } from '../support/conversation';
import { CASE_CODE, openConsent, sendRequestValue } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { cardSubmitActivity, teamsUser } from '../support/teamsActivities';
import { startTwoInstances, type TwoInstances } from '../support/twoInstances';
import { waitFor } from '../support/waitFor';
import { settledWhileClockRuns } from '../support/whileClockRuns';

/**
 * "One message, one answer" with a turn slower than its lease: the person's "Send request" turn waits two minutes
 * on the first instance (Graph or the connector slow), and Teams re-sends the message to the second instance all
 * that time. The running turn renews its marker's short lease (TURN_LEASE_MS) on the shared test clock, so each
 * copy on the second instance waits a lease, finds the turn alive and is answered 503 (Teams delivers it again
 * later) without running it; a copy that waits while the turn ends is acknowledged with 200 and not answered again.
 * With the lease of a minute that was not renewed, the copy after a minute ran the turn a second time; with the
 * silent 200 for every copy, a turn whose process then died left the message unanswered.
 */
jest.setTimeout(120_000);

const GRAPH_TOKEN = 'graph-token-for-slow-turn-tests';
const clock = new TestClock('2026-11-24T09:00:00Z');
const femke = teamsUser('Femke Wouters', 'nl-NL');
const requester = teamsUser('Mees van Dijk', 'nl-NL');
let instances: TwoInstances;

beforeAll(async () => {
  instances = await startTwoInstances('sqlite', {
    clock,
    graphToken: GRAPH_TOKEN,
    groups: { 'advisors-group': [femke] },
    groupSettings: { ADVISOR_GROUP_ID: 'advisors-group' },
  });
});
afterAll(async () => {
  // A turn still waiting in the connector would keep its instance from closing.
  instances?.first.connector.answerHeld();
  await instances?.stop();
});

const answeredWhileClockRuns = (request: Promise<Response>) => settledWhileClockRuns(clock, request);

it('does not run a "Send request" turn again on a second instance while it takes two minutes on the first, nor answer it twice', async () => {
  const { first, viaSecond } = instances;
  const connector = first.connector;
  const { consent, sendRequest } = await openConsent(first, requester, 'vertrouwenspersoon');
  const confirmation = cardSubmitActivity(requester, connector.url, sendRequestValue(sendRequest), consent.id);
  const heldAnswers = () => connector.held.filter((conversationId) => conversationId === requester.conversationId).length;
  const waitsOnSecond = () => instances.second.logs.filter((line) => line.includes('"event":"activityWaitsForTurn"')).length;

  // The turn waits where it answers the person, on the first instance.
  connector.heldConversations.add(requester.conversationId);
  const firstDelivery = postToBot(first, confirmation);
  await waitFor(() => heldAnswers() === 1, 10_000);
  // Two minutes pass while it waits, the turn renewing its lease; Teams re-sends the message to the second instance.
  const answersToCopies: string[] = [];
  while (clock.now().getTime() < new Date('2026-11-24T09:02:00Z').getTime()) {
    await clock.advanceSecondsRunningTimers(5);
    const answer = await answeredWhileClockRuns(postToBot(viaSecond, confirmation));
    answersToCopies.push(`${answer.status} retry-after ${answer.headers.get('retry-after')}`);
  }
  expect(answersToCopies.length).toBeGreaterThanOrEqual(5);
  expect(new Set(answersToCopies)).toEqual(new Set([`503 retry-after ${TURN_LEASE_MS / 1000}`]));
  expect(heldAnswers()).toBe(1);

  // One more copy arrives and waits; meanwhile the first turn ends.
  const waitsBefore = waitsOnSecond();
  const lastCopy = postToBot(viaSecond, confirmation);
  await waitFor(() => waitsOnSecond() > waitsBefore, 10_000);
  connector.answerHeld();
  expect((await firstDelivery).status).toBe(200);
  expect((await answeredWhileClockRuns(lastCopy)).status).toBe(200);
  const answers = connector.repliesTo(confirmation.id);
  expect(answers).toHaveLength(1);
  const code = CASE_CODE.exec(cardText({ card: answers[0].activity.attachments?.[0]?.content }))?.[0];
  expect(code).toBeDefined();
  // A copy after the turn ended finds it done at once.
  expect((await postToBot(viaSecond, confirmation)).status).toBe(200);
  expect(connector.repliesTo(confirmation.id)).toHaveLength(1);

  // One case: the adviser is told of it once.
  await first.app.outbox.runDueJobs();
  await instances.second.app.outbox.runDueJobs();
  const cardsWithCode = new Conversation(first, femke).proactiveCards().filter((card) => JSON.stringify(card).includes(code!));
  expect(cardsWithCode).toHaveLength(1);
  const logs = first.logs.concat(instances.second.logs).join('');
  expect(logs).not.toContain('"event":"activityResumed"');
  expect(logs).toContain('"event":"activityStillRunning"');
  // A copy answered 503 is no failed turn: no apology was sent and none logged.
  expect(logs).not.toContain('"event":"turnError"');
});
