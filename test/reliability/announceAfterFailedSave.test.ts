import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { CASE_CODE, openConsent, sendRequestValue } from '../support/handoffRequests';
import { postToBot } from '../support/postToBot';
import { TestClock } from '../support/testClock';
import { isoWeekOf } from '../../src/insights/insightEvents';
import { readInsightWeek } from '../../src/insights/insightsRecorder';
import { cardSubmitActivity, teamsUser } from '../support/teamsActivities';

/**
 * "Never lose a request": a confirmation whose turn failed after the case was stored but before its notification job was
 * (a storage error, a conflict, a crash between the two writes) leaves a case nobody was told of. When the person presses
 * "Send request" again and is shown that case's code, the case is announced to the advisers, once. Until the red team of
 * stop 28 nothing announced it before the backup escalation; until review 2 of stop 28 it was then never counted in the
 * programme's figures.
 */

const clock = new TestClock('2026-11-24T10:00:00Z');
const adviser = teamsUser('Willemijn Prins', 'en-GB');
const requester = teamsUser('Ruben Kramer', 'en-GB');
const impatient = teamsUser('Joris Tweemaal', 'en-GB');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:Willemijn Prins` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot?.stop();
});

it('announces a request to the advisers once the person, after a failed save, presses Send request again and is shown a case code', async () => {
  await bot.app.flushInsights();
  const requestsCounted = async (): Promise<number> => (await readInsightWeek(bot.app.store, isoWeekOf(clock.now()))).counts.get('handoff:requested') ?? 0;
  const countedBefore = await requestsCounted();
  const conversation = new Conversation(bot, requester);
  await conversation.installs();
  const { consent, sendRequest } = await openConsent(bot, requester);
  const confirmation = cardSubmitActivity(requester, bot.connector.url, sendRequestValue(sendRequest), consent.id);

  // The first write to the outbox fails once, as a storage hiccup or a crash between two writes would.
  const store = bot.app.store;
  const insert = store.insert.bind(store);
  let failuresLeft = 1;
  store.insert = (async (table: string, ...rest: unknown[]) => {
    if (table === 'outbox' && failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error('storage unavailable');
    }
    return (insert as (...args: unknown[]) => Promise<never>)(table, ...rest);
  }) as typeof store.insert;
  expect((await postToBot(bot, confirmation)).status).toBe(200);
  expect(failuresLeft).toBe(0);
  store.insert = insert;

  // The person got an apology and presses "Send request" again (a new activity); now they see a case code.
  const again = cardSubmitActivity(requester, bot.connector.url, confirmation.value, consent.id);
  expect((await postToBot(bot, again)).status).toBe(200);
  const shown = bot.connector.repliesTo(again.id).map((call) => ({ card: call.activity.attachments?.[0]?.content }));
  const code = shown.map((reply) => CASE_CODE.exec(cardText(reply))?.[0]).find(Boolean);
  expect(code).toBeDefined();

  await bot.app.outbox.runDueJobs();
  await bot.app.runSweep();
  await bot.app.outbox.runDueJobs();
  const adviserCards = new Conversation(bot, adviser).proactiveCards().map((card) => cardText({ card }));
  expect(adviserCards.filter((text) => text.includes(code!))).not.toEqual([]);

  // Counted once in the programme's figures, though the turn that stored it failed; a third press counts nothing more.
  const third = cardSubmitActivity(requester, bot.connector.url, confirmation.value, consent.id);
  expect((await postToBot(bot, third)).status).toBe(200);
  await bot.app.flushInsights();
  expect(await requestsCounted()).toBe(countedBefore + 1);
});

// The README: such a request "is counted in the programme's figures then, once". The third press above comes only after
// the outbox has run, when the case is no longer `requested`; a bot that counted every press that finds the case still
// waiting passed it. Here the person presses twice more before the advisers' notification has gone out (an impatient
// person, a slow outbox): counted once (promise audit, stop 33, F6).
it('counts a request found again after a failed save once, also when pressed again before the advisers are notified', async () => {
  await bot.app.flushInsights();
  const requestsCounted = async (): Promise<number> => (await readInsightWeek(bot.app.store, isoWeekOf(clock.now()))).counts.get('handoff:requested') ?? 0;
  const countedBefore = await requestsCounted();
  const conversation = new Conversation(bot, impatient);
  await conversation.installs();
  const { consent, sendRequest } = await openConsent(bot, impatient);
  const confirmation = cardSubmitActivity(impatient, bot.connector.url, sendRequestValue(sendRequest), consent.id);

  // The first write to the outbox fails once, as a storage hiccup or a crash between two writes would.
  const store = bot.app.store;
  const insert = store.insert.bind(store);
  let failuresLeft = 1;
  store.insert = (async (table: string, ...rest: unknown[]) => {
    if (table === 'outbox' && failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error('storage unavailable');
    }
    return (insert as (...args: unknown[]) => Promise<never>)(table, ...rest);
  }) as typeof store.insert;
  expect((await postToBot(bot, confirmation)).status).toBe(200);
  expect(failuresLeft).toBe(0);
  store.insert = insert;

  // Two more presses before the outbox runs: the case is still waiting for its first notification.
  for (const _press of [1, 2]) {
    const again = cardSubmitActivity(impatient, bot.connector.url, confirmation.value, consent.id);
    expect((await postToBot(bot, again)).status).toBe(200);
    expect(bot.connector.repliesTo(again.id).map((call) => CASE_CODE.exec(cardText({ card: call.activity.attachments?.[0]?.content }))?.[0]).find(Boolean)).toBeDefined();
  }
  await bot.app.flushInsights();
  expect(await requestsCounted()).toBe(countedBefore + 1);
});
