import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation, type Card } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import type { ConnectorCall } from '../support/localConnector';
import { TestClock } from '../support/testClock';
import { contentWithPoolChannel, POOL_CHANNEL, pressInPoolChannel } from '../support/poolChannel';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * A pool with a team channel: each request also becomes a thread there with its case card,
 * posted through the bot connector (the local connector records it); claim, hand-over and close
 * update that card in place and add a short reply in the thread; personal cards stay. The
 * channel shows what a colleague of the claimer sees: before a claim what every adviser of the
 * pool sees in their own chat, from the claim on only the code and the status.
 */

const CHANNEL_ID = POOL_CHANNEL.channelId;
const MESSAGE = 'Mijn leidinggevende maakt steeds opmerkingen over mijn lichaam';

describe.each(['sqlite', 'azure-tables'] as const)('a pool with a team channel, on %s', (storage) => {
  const femke = teamsUser('Femke Visser', 'nl-NL');
  const joost = teamsUser('Joost Mulder', 'nl-NL');
  const lotte = teamsUser('Lotte van Dijk', 'en-GB');
  const clock = new TestClock('2026-11-24T09:30:00Z');
  const contentDir = contentWithPoolChannel();
  let bot: RunningBot;
  let caseId = '';
  let code = '';
  let threadId = '';

  let azurite: RunningAzurite | undefined;

  beforeAll(async () => {
    let storageEnvironment: Record<string, string> = {};
    if (storage === 'azure-tables') {
      azurite = await startAzurite();
      storageEnvironment = {
        STORAGE: 'azure-tables',
        AZURE_TABLES_CONNECTION_STRING: azurite.connectionString,
        AZURE_TABLES_PREFIX: `c${randomUUID().replace(/-/g, '').slice(0, 10)}`,
      };
    }
    bot = await startBot(
      { ...storageEnvironment, CONTENT_DIR: contentDir, LOCAL_ADVISORS: `${femke.aadObjectId}:Femke Visser;${joost.aadObjectId}:Joost Mulder` },
      { clock, runBackgroundWork: false },
    );
    for (const adviser of [femke, joost]) await new Conversation(bot, adviser).installs();
  });
  afterAll(async () => {
    await bot?.stop();
    await azurite?.stop();
    fs.rmSync(contentDir, { recursive: true, force: true });
  });

  const channelCalls = (since = 0) => bot.connector.calls.slice(since).filter((call) => call.conversationId.startsWith(CHANNEL_ID));
  const threadStarts = (since = 0) => channelCalls(since).filter((call) => call.method === 'POST' && call.conversationId === CHANNEL_ID);
  const cardUpdates = (since = 0) => channelCalls(since).filter((call) => call.method === 'PUT' && call.replyToId === threadId);
  const threadReplies = (since = 0) => channelCalls(since).filter((call) => call.method === 'POST' && call.conversationId === `${CHANNEL_ID};messageid=${threadId}`);
  const shown = (call: ConnectorCall | undefined): Card => call?.activity.attachments?.[0]?.content ?? {};

  const pressInChannel = (adviser: TeamsUser, verb: string, data: Record<string, unknown>): Promise<Card | undefined> =>
    pressInPoolChannel(bot, adviser, threadId, verb, data);

  it('starts a thread in the pool\'s channel with the case card, and still sends each adviser their own card', async () => {
    ({ caseId, code } = await requestAnonymously(bot, lotte, MESSAGE));
    await bot.app.outbox.runDueJobs();
    const [start] = threadStarts();
    expect(threadStarts()).toHaveLength(1);
    threadId = start.id;
    const card = shown(start);
    expect(cardText({ card })).toContain(code);
    expect(cardText({ card })).toContain('Anoniem (alleen zaakcode)');
    // Anonymous: the same minimal data as in an adviser's own chat, never the requester's name or ids.
    expect(JSON.stringify(start.activity)).toContain(MESSAGE);
    for (const identity of [lotte.name, lotte.aadObjectId, lotte.id]) expect(JSON.stringify(start.activity)).not.toContain(identity);
    expect(allActions(card).map((action) => action.title)).toContain('Oppakken');
    for (const adviser of [femke, joost]) expect(new Conversation(bot, adviser).proactiveCards().filter((posted) => JSON.stringify(posted).includes(code))).toHaveLength(1);
  });

  it('draws the channel card again when the requester adds a message to the open request, with it and the urgent badge, without a reply in the thread', async () => {
    const since = bot.connector.calls.length;
    const added = 'He is standing next to me right now and hitting me';
    const replies = await new Conversation(bot, lotte).submits({ verb: 'handoff.confirm', flow: {}, mode: 'anonymous', urgent: 'false', message: added });
    expect(cardText(replies.at(-1)).replace(/\u2011/g, '-')).toContain(`your message was added to request ${code}`);
    await bot.app.outbox.runDueJobs();
    const updated = shown(cardUpdates(since).at(-1));
    expect(cardUpdates(since)).toHaveLength(1);
    expect(cardText({ card: updated })).toContain('⚠ DRINGEND');
    expect(cardText({ card: updated })).toContain(MESSAGE);
    expect(cardText({ card: updated })).toContain(added);
    expect(threadReplies(since)).toHaveLength(0);
  });

  it('updates the channel card on a claim made in the channel, and replies in the thread without a name or the message', async () => {
    const answered = await pressInChannel(femke, 'case.claim', { caseId });
    // The answer replaces the card for everyone in the channel: the code and status, nothing of the case.
    expect(cardText({ card: answered })).toContain('Opgepakt door een collega');
    expect(JSON.stringify(answered)).not.toContain(MESSAGE);
    const since = bot.connector.calls.length;
    await bot.app.outbox.runDueJobs();
    const [update] = cardUpdates(since);
    expect(cardUpdates(since)).toHaveLength(1);
    expect(cardText({ card: shown(update) })).toContain('Opgepakt door een collega');
    expect(JSON.stringify(update.activity)).not.toContain(MESSAGE);
    expect(JSON.stringify(update.activity)).not.toContain('Femke');
    expect(threadReplies(since).map((call) => cardText({ card: shown(call) }))).toEqual([`${code}: opgepakt door een collega.`]);
    // The claimer's own card has everything, as before.
    const own = await new Conversation(bot, femke).executes('case.refresh', { caseId });
    expect(JSON.stringify(own)).toContain(MESSAGE);
  });

  it('updates the card and replies in the thread when the case is handed over', async () => {
    await new Conversation(bot, femke).executes('case.handOver', { caseId, handOverTo: joost.aadObjectId });
    await bot.app.outbox.runDueJobs();
    const since = bot.connector.calls.length;
    await new Conversation(bot, joost).executes('case.acceptHandOver', { caseId });
    await bot.app.outbox.runDueJobs();
    expect(cardUpdates(since)).toHaveLength(1);
    expect(threadReplies(since).map((call) => cardText({ card: shown(call) }))).toEqual([`${code}: overgedragen aan een collega.`]);
  });

  it('updates the card and replies in the thread when the case is closed, and replaces the card when the case is purged', async () => {
    const since = bot.connector.calls.length;
    await new Conversation(bot, joost).executes('case.close', { caseId, outcome: 'advice-given', followUp: 'false' });
    await bot.app.outbox.runDueJobs();
    expect(cardText({ card: shown(cardUpdates(since).at(-1)) })).toContain('Afgesloten');
    expect(threadReplies(since).map((call) => cardText({ card: shown(call) }))).toEqual([`${code}: afgesloten.`]);

    const beforePurge = bot.connector.calls.length;
    clock.advanceMinutes(91 * 24 * 60);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    const purged = cardUpdates(beforePurge).at(-1);
    expect(cardText({ card: shown(purged) })).toContain(code);
    expect(cardText({ card: shown(purged) })).toContain('Alleen de zaakcode blijft staan.');
    expect(await bot.app.store.get('conversations', 'channelThreads', caseId)).toBeUndefined();
  });
});

it('refuses to start when a pool names a channel id that is not one, naming the file and the field', async () => {
  const broken = contentWithPoolChannel({ teamId: POOL_CHANNEL.teamId, channelId: 'general' });
  try {
    await expect(startBot({ CONTENT_DIR: broken }, { clock: new TestClock('2026-11-24T09:30:00Z'), runBackgroundWork: false })).rejects.toThrow(/adviser-pools\.json[\s\S]*channelId/);
  } finally {
    fs.rmSync(broken, { recursive: true, force: true });
  }
});
