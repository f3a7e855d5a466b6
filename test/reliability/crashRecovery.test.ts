import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBotProcess, killBot, type BotProcess } from '../support/botProcess';
import { cardText, Conversation, type Card } from '../support/conversation';
import { LocalConnector } from '../support/localConnector';
import { teamsUser } from '../support/teamsActivities';
import type { RunningBot } from '../support/botHarness';

/**
 * "Never lose a request": the bot process is killed with SIGKILL right after people confirmed
 * their requests, while the advisors' side is unreachable; after a restart every request
 * reaches the advisor exactly once.
 */
jest.setTimeout(150_000);

const advisor = teamsUser('Femke Visser', 'nl-NL');
const requesters = Array.from({ length: 8 }, (_, index) => teamsUser(`Requester ${index + 1}`, 'en-GB'));

let dataDir: string;
let connector: LocalConnector;
let bot: BotProcess | undefined;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-crash-'));
  connector = await new LocalConnector().start();
});
afterAll(async () => {
  if (bot) await killBot(bot);
  await connector.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function environment(): Record<string, string> {
  return {
    SQLITE_PATH: path.join(dataDir, 'bot.sqlite'),
    LOCAL_ADVISORS: `${advisor.aadObjectId}:Femke Visser`,
    OUTBOX_POLL_MS: '200',
    OUTBOX_LEASE_MS: '2000',
  };
}

/** The conversation helper only needs the URL and the connector of a running bot. */
function asRunning(process: BotProcess): RunningBot {
  return { messagesUrl: process.messagesUrl, connector } as unknown as RunningBot;
}

async function confirmRequest(running: RunningBot, user: (typeof requesters)[number]): Promise<string> {
  const conversation = new Conversation(running, user);
  const [consent] = await conversation.says('talk');
  const send = consent.card!.actions.find((action: Card) => action.data?.verb === 'handoff.confirm').data;
  const [confirmation] = await conversation.submits({ ...send, mode: 'anonymous', contact: 'teams-chat', urgent: 'false' });
  return /VK-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(cardText(confirmation))![0];
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const cardsForAdvisor = () =>
  connector.calls
    .filter((call) => call.conversationId === advisor.conversationId && call.method === 'POST')
    .map((call) => JSON.stringify(call.activity));

it('delivers every confirmed request exactly once after a SIGKILL and restart', async () => {
  bot = await startBotProcess(environment());
  await new Conversation(asRunning(bot), advisor).installs();
  // The advisors' side is down: confirmed requests stay in the outbox.
  connector.unavailableConversations.add(advisor.conversationId);
  const codes = await Promise.all(requesters.map((user) => confirmRequest(asRunning(bot!), user)));
  expect(new Set(codes).size).toBe(requesters.length);

  expect(await killBot(bot)).toBeNull();
  connector.unavailableConversations.clear();
  const refusedBeforeCrash = connector.calls.length;

  bot = await startBotProcess(environment());
  await waitFor(() => codes.every((code) => cardsForAdvisor().some((card) => card.includes(code))), 60_000);
  // Give a duplicate every chance to appear before counting.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  for (const code of codes) {
    expect(cardsForAdvisor().filter((card) => card.includes(code) && card.includes('case.claim'))).toHaveLength(1);
  }
  expect(connector.calls.length).toBeGreaterThan(refusedBeforeCrash);
});

it('stops gracefully on SIGTERM, finishing what is due', async () => {
  const code = await confirmRequest(asRunning(bot!), teamsUser('Late Requester', 'en-GB'));
  await waitFor(() => cardsForAdvisor().some((card) => card.includes(code)), 10_000);
  expect(await killBot(bot!, 'SIGTERM')).toBe(0);
  bot = undefined;
});
