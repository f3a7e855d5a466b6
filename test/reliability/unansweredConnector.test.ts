import type { RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { CASE_CODE, openConsent, requestAdviser, sendRequestValue } from '../support/handoffRequests';
import { startBotWithGraphGroups } from '../support/graphBot';
import type { LocalGraph } from '../support/localGraph';
import { personalDataIn } from '../support/personalData';
import { postToBot } from '../support/postToBot';
import { TestClock } from '../support/testClock';
import { cardSubmitActivity, teamsUser } from '../support/teamsActivities';
import { waitFor } from '../support/waitFor';

/**
 * "Never lose a request" when the Teams connector accepts the connection and never answers: every connector call
 * has a timeout (CONNECTOR_TIMEOUT_MS, a second here), so the person's turn ends with a logged failure and their
 * re-sent message is answered, and an adviser's card fails its outbox job and the retry delivers it. Before, the
 * turn waited for good, and the job until its deadline of ten leases (five minutes with the default lease).
 */
jest.setTimeout(60_000);

const femke = teamsUser('Femke Scholten', 'nl-NL');
const requester = teamsUser('Lotte Vermeulen', 'nl-NL');
const clock = new TestClock('2026-11-24T09:00:00Z');
let graph: LocalGraph;
let bot: RunningBot;

beforeAll(async () => {
  ({ bot, graph } = await startBotWithGraphGroups(
    { 'advisors-group': [femke] },
    { ADVISOR_GROUP_ID: 'advisors-group', PROGRAMME_GROUP_ID: 'advisors-group', CONNECTOR_TIMEOUT_MS: '1000' },
    clock,
  ));
});
afterAll(async () => {
  bot?.connector.answerHeld();
  await bot?.stop();
  await graph?.stop();
});

const logged = (event: string) => bot.logs.filter((line) => line.includes(`"event":"${event}"`));

it("ends a person's turn whose answer the connector never takes with a logged failure, answers /healthz meanwhile, and answers the re-sent message", async () => {
  const { consent, sendRequest } = await openConsent(bot, requester);
  const confirmation = cardSubmitActivity(requester, bot.connector.url, sendRequestValue(sendRequest), consent.id);

  bot.connector.heldConversations.add(requester.conversationId);
  const turn = postToBot(bot, confirmation);
  await waitFor(() => bot.connector.held.includes(requester.conversationId), 10_000);
  expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
  await turn;
  // The confirmation and then the apology each waited for the timeout; neither reached the person.
  expect(bot.connector.held.filter((conversationId) => conversationId === requester.conversationId)).toHaveLength(2);
  expect(bot.connector.repliesTo(confirmation.id)).toEqual([]);
  const failure = logged('turnError');
  expect(failure).toHaveLength(1);
  expect(JSON.parse(failure[0]).err.type).toBe('AbortError');
  expect(logged('apologyFailed')).toHaveLength(1);

  // Teams re-sends the message: the failed turn left no marker, so it runs again and finds the request it stored.
  bot.connector.heldConversations.clear();
  expect((await postToBot(bot, confirmation)).status).toBe(200);
  const answers = bot.connector.repliesTo(confirmation.id);
  expect(answers).toHaveLength(1);
  expect(CASE_CODE.exec(cardText({ card: answers[0].activity.attachments?.[0]?.content }))).not.toBeNull();
  expect(personalDataIn(bot.logs)).toEqual([]);
});

it("ends a person's turn whose answer the connector starts and never finishes, headers sent and the body stalled, and answers the re-sent message", async () => {
  const stalledRequester = teamsUser('Sara de Jong', 'nl-NL');
  const { consent, sendRequest } = await openConsent(bot, stalledRequester);
  const confirmation = cardSubmitActivity(stalledRequester, bot.connector.url, sendRequestValue(sendRequest), consent.id);
  const failuresBefore = logged('turnError').length;

  bot.connector.stalledBodyConversations.add(stalledRequester.conversationId);
  const turn = postToBot(bot, confirmation);
  await waitFor(() => bot.connector.stalled.includes(stalledRequester.conversationId), 10_000);
  expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
  // Settles because the deadline covers the body too: the connector never finishes it.
  await turn;
  // The confirmation and then the apology each stalled until the deadline; neither is counted as shown.
  expect(bot.connector.stalled.filter((conversationId) => conversationId === stalledRequester.conversationId)).toHaveLength(2);
  const failures = logged('turnError').slice(failuresBefore);
  expect(failures).toHaveLength(1);
  expect(JSON.parse(failures[0]).err.type).toBe('AbortError');

  bot.connector.stalledBodyConversations.clear();
  expect((await postToBot(bot, confirmation)).status).toBe(200);
  const answers = bot.connector.repliesTo(confirmation.id);
  expect(answers).toHaveLength(1);
  expect(CASE_CODE.exec(cardText({ card: answers[0].activity.attachments?.[0]?.content }))).not.toBeNull();
  expect(personalDataIn(bot.logs)).toEqual([]);
});

it("fails the outbox job of an adviser's card that the connector never takes, within the timeout, and the retry delivers it once", async () => {
  await bot.app.outbox.runDueJobs();
  const { code } = await requestAdviser(bot, teamsUser('Daan Smit', 'nl-NL'), { mode: 'named' });
  bot.connector.heldConversations.add(femke.conversationId);
  // Settles because the call times out: the job's own deadline (ten leases of 30 s) is far beyond this test's time.
  await bot.app.outbox.runDueJobs();
  expect(bot.connector.held).toContain(femke.conversationId);
  expect(logged('outbox.retryScheduled').map((line) => JSON.parse(line).reason)).toContain('teams.proactiveMessage');
  expect(logged('outbox.leaseAbandoned')).toEqual([]);

  bot.connector.heldConversations.clear();
  for (let minute = 0; minute < 5; minute += 1) {
    clock.advanceMinutes(1);
    await bot.app.outbox.runDueJobs();
  }
  const cardsWithCode = new Conversation(bot, femke).proactiveCards().filter((card) => JSON.stringify(card).includes(code));
  expect(cardsWithCode).toHaveLength(1);
  expect((await bot.app.outbox.pendingJobs()).filter((job) => !job.failed)).toEqual([]);
  expect(personalDataIn(bot.logs)).toEqual([]);
});
