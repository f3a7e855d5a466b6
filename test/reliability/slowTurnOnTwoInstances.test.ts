import { postToBot } from '../support/postToBot';
import { cardText, Conversation } from '../support/conversation';
import { CASE_CODE, openConsent, sendRequestValue } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { cardSubmitActivity, teamsUser } from '../support/teamsActivities';
import { startTwoInstances, type TwoInstances } from '../support/twoInstances';
import { waitFor } from '../support/waitFor';

/**
 * "One message, one answer" with a turn slower than its lease: the person's "Send request" turn waits two minutes
 * on the first instance (Graph or the connector slow), and Teams re-sends the message to the second instance all
 * that time. The running turn renews its marker's short lease (TURN_LEASE_MS) on the shared test clock, so the
 * second instance drops every copy. With the lease of a minute that was not renewed, the copy after a minute ran
 * the turn a second time.
 */
jest.setTimeout(60_000);

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

it('does not run a "Send request" turn again on a second instance while it takes two minutes on the first', async () => {
  const { first, viaSecond } = instances;
  const connector = first.connector;
  const { consent, sendRequest } = await openConsent(first, requester, 'vertrouwenspersoon');
  const confirmation = cardSubmitActivity(requester, connector.url, sendRequestValue(sendRequest), consent.id);

  const heldAnswers = () => connector.held.filter((conversationId) => conversationId === requester.conversationId).length;
  /** A dropped copy is acknowledged at once; a copy whose turn runs again waits in the connector as the first does. */
  const resend = async (): Promise<'dropped' | 'ranAgain'> => {
    const heldBefore = heldAnswers();
    let acknowledged = false;
    void postToBot(viaSecond, confirmation).then(() => (acknowledged = true));
    while (!acknowledged && heldAnswers() === heldBefore) await new Promise((resolve) => setTimeout(resolve, 20));
    return acknowledged ? 'dropped' : 'ranAgain';
  };

  // The turn waits where it answers the person, on the first instance.
  connector.heldConversations.add(requester.conversationId);
  const firstDelivery = postToBot(first, confirmation);
  await waitFor(() => heldAnswers() === 1, 10_000);
  // Two minutes pass while it waits, the turn renewing its lease; Teams re-sends the message to the second instance.
  for (let seconds = 0; seconds < 120; seconds += 20) {
    await clock.advanceSecondsRunningTimers(20);
    expect(await resend()).toBe('dropped');
  }
  expect(heldAnswers()).toBe(1);

  connector.answerHeld();
  expect((await firstDelivery).status).toBe(200);
  const answers = connector.repliesTo(confirmation.id);
  expect(answers).toHaveLength(1);
  const code = CASE_CODE.exec(cardText({ card: answers[0].activity.attachments?.[0]?.content }))?.[0];
  expect(code).toBeDefined();
  // A copy after the turn ended finds it done.
  expect((await postToBot(viaSecond, confirmation)).status).toBe(200);
  expect(connector.repliesTo(confirmation.id)).toHaveLength(1);

  // One case: the adviser is told of it once.
  await first.app.outbox.runDueJobs();
  await instances.second.app.outbox.runDueJobs();
  const cardsWithCode = new Conversation(first, femke).proactiveCards().filter((card) => JSON.stringify(card).includes(code!));
  expect(cardsWithCode).toHaveLength(1);
  expect(first.logs.concat(instances.second.logs).join('')).not.toContain('"event":"activityResumed"');
});
