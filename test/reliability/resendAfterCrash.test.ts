import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBotProcess, killBot, type BotProcess } from '../support/botProcess';
import { cardText, Conversation } from '../support/conversation';
import { CASE_CODE, openConsent, sendRequestValue } from '../support/handoffRequests';
import { LocalConnector } from '../support/localConnector';
import { personalDataIn } from '../support/personalData';
import { postToBot } from '../support/postToBot';
import { cardSubmitActivity, teamsUser } from '../support/teamsActivities';
import type { RunningBot } from '../support/botHarness';
import { waitFor } from '../support/waitFor';

/**
 * "Never lose a request": the process dies in the middle of a "Send request" turn, before the
 * person saw their confirmation. A copy Teams re-sends while that turn still runs waits for it (and
 * dies with it); the copy Teams re-sends 5 s after the crash, to another instance, waits until the
 * dead turn's lease lapses, takes it over and is answered, once, and the adviser gets one card.
 * With the silent 200 for a copy within the lease, that copy was dropped, and if Teams gave up then,
 * the person never had an answer.
 */
jest.setTimeout(300_000);

const adviser = teamsUser('Anouk Meijer', 'nl-NL');
const requester = teamsUser('Thijs de Graaf', 'en-GB');

let dataDir: string;
let connector: LocalConnector;
let bot: BotProcess | undefined;
let standby: BotProcess | undefined;
const output: string[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-resend-'));
  connector = await new LocalConnector().start();
});
afterAll(async () => {
  if (bot) await killBot(bot);
  if (standby) await killBot(standby);
  await connector.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function environment(clockOffsetMinutes = 0): Record<string, string> {
  return {
    SQLITE_PATH: path.join(dataDir, 'bot.sqlite'),
    LOCAL_ADVISORS: `${adviser.aadObjectId}:Anouk Meijer`,
    OUTBOX_POLL_MS: '200',
    CLOCK_OFFSET_MINUTES: String(clockOffsetMinutes),
  };
}

function asRunning(process: BotProcess): RunningBot {
  return { messagesUrl: process.messagesUrl, connector } as unknown as RunningBot;
}

const adviserCardsWith = (code: string) =>
  connector.calls
    .filter((call) => call.conversationId === adviser.conversationId && call.method === 'POST')
    .map((call) => JSON.stringify(call.activity))
    .filter((card) => card.includes(code) && card.includes('case.claim'));

it('answers a confirmation Teams re-sends 5 s after the process died mid-turn, once, after waiting for the dead turn\'s lease', async () => {
  bot = await startBotProcess(environment());
  // A second instance on the same store, its clock 5 s ahead: what it sees at the moment of the kill is 5 s later.
  standby = await startBotProcess(environment(5 / 60));
  await new Conversation(asRunning(bot), adviser).installs();
  const { consent, sendRequest } = await openConsent(asRunning(bot), requester);
  const confirmation = cardSubmitActivity(requester, connector.url, sendRequestValue(sendRequest), consent.id);

  // The turn stops where it answers the person: nothing is shown to them yet.
  connector.heldConversations.add(requester.conversationId);
  const firstDelivery = postToBot(bot, confirmation).then(() => 'answered', () => 'cut off');
  await waitFor(() => connector.held.includes(requester.conversationId), 60_000);
  // Teams re-sends the slow message meanwhile: it waits for the running turn, not run again.
  const copyWhileRunning = postToBot(bot, confirmation).then(() => 'answered', () => 'cut off');
  await waitFor(() => bot!.output.join('').includes('"event":"activityWaitsForTurn"'), 60_000);
  expect(connector.held.filter((conversationId) => conversationId === requester.conversationId)).toHaveLength(1);

  expect(await killBot(bot)).toBeNull();
  output.push(...bot.output);
  expect(await firstDelivery).toBe('cut off');
  expect(await copyWhileRunning).toBe('cut off');
  connector.heldConversations.clear();
  expect(connector.repliesTo(confirmation.id)).toEqual([]);

  // 5 s after the crash Teams re-sends the message once more, and it reaches the other instance, within the dead turn's lease.
  bot = standby;
  standby = undefined;
  expect((await postToBot(bot, confirmation)).status).toBe(200);
  expect(bot.output.join('')).toContain('"event":"activityWaitsForTurn"');
  const answers = connector.repliesTo(confirmation.id);
  expect(answers).toHaveLength(1);
  const code = CASE_CODE.exec(cardText({ card: answers[0].activity.attachments?.[0]?.content }))?.[0];
  expect(code).toBeDefined();
  // One more copy now finds the turn done.
  expect((await postToBot(bot, confirmation)).status).toBe(200);
  expect(connector.repliesTo(confirmation.id)).toHaveLength(1);

  await waitFor(() => adviserCardsWith(code!).length > 0, 60_000);
  // Give a duplicate every chance to appear before counting.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(adviserCardsWith(code!)).toHaveLength(1);

  expect(await killBot(bot, 'SIGTERM')).toBe(0);
  output.push(...bot.output);
  bot = undefined;
  expect(output.join('')).toContain('"event":"activityResumed"');
  expect(personalDataIn(output)).toEqual([]);
});
