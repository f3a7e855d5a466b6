import type { HandoffCase } from '../../src/handoff/handoffCase';
import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation } from '../support/conversation';
import { requestAdviser, sendRequestValue } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * A claimed case is the claimer's. Adviser B, a member of the same pool, tries every way the
 * bot offers to read adviser A's case: the card in B's chat (and its refreshes), `zaken`,
 * Universal Action invokes (refresh, claim, reply, close), the relay, before and after the
 * requester reveals their name. B learns the case code and "taken by a colleague", nothing more.
 */

const MESSAGE = 'The head of the lab shouts at me in front of the students';
const RELAYED = 'Could we meet near the cafeteria on Thursday?';
/** Written to the open request with "Send request" again, before anyone claims it. */
const ADDED = 'He did it again during the Monday lab meeting';

const annelies = teamsUser('Annelies Bakker', 'nl-NL');
const bram = teamsUser('Bram Hoekstra', 'nl-NL');
const requester = teamsUser('Yara Jansen', 'en-GB');
const clock = new TestClock('2026-11-24T10:00:00Z');
let bot: RunningBot;
let caseId = '';
let code = '';

beforeAll(async () => {
  bot = await startBot(
    { LOCAL_ADVISORS: `${annelies.aadObjectId}:Annelies Bakker;${bram.aadObjectId}:Bram Hoekstra` },
    { clock, runBackgroundWork: false },
  );
  for (const advisor of [annelies, bram]) await new Conversation(bot, advisor).installs();
});
afterAll(async () => {
  await bot.stop();
});

/** Everything the bot sent into one chat after connector call `since`, as JSON: replies, proactive cards and updates. */
function sentTo(person: TeamsUser, since = 0): string {
  return JSON.stringify(bot.connector.calls.slice(since).filter((call) => call.conversationId === person.conversationId).map((call) => call.activity));
}

function expectNothingOfTheCase(seen: string): void {
  for (const secret of [MESSAGE, ADDED, RELAYED, 'Yara', 'Jansen', 'Annelies', requester.aadObjectId]) {
    expect({ secret, found: seen.includes(secret) }).toEqual({ secret, found: false });
  }
}

/** B presses every button and types every command that could show the case. */
async function everythingBTries(): Promise<string> {
  const b = new Conversation(bot, bram);
  const answers = [
    await b.executes('case.refresh', { caseId }),
    await b.executes('case.claim', { caseId }),
    await b.executes('case.reply', { caseId, reply: 'Hello?' }),
    await b.executes('case.reply', { caseId, reply: '' }),
    await b.executes('case.close', { caseId, outcome: 'advice-given', followUp: 'false' }),
    await b.executes('case.close', { caseId }),
  ];
  const listed = await b.says('zaken');
  const withColleagues = await b.says("bij collega's");
  return JSON.stringify([answers, listed, withColleagues]);
}

describe('a case claimed by adviser A, seen by adviser B of the same pool', () => {
  it('shows the request to both advisers until one claims it', async () => {
    const requested = await requestAdviser(bot, requester, { asks: { topic: 'bullying', perspective: 'target' }, message: MESSAGE });
    ({ caseId, code } = requested);
    await bot.app.outbox.runDueJobs();
    // "Send request" pressed again on the same consent card: the words join the open request.
    await new Conversation(bot, requester).submits(sendRequestValue(requested.sendRequest, { message: ADDED }));
    await bot.app.outbox.runDueJobs();
    for (const advisor of [annelies, bram]) {
      expect(sentTo(advisor)).toContain(MESSAGE);
      expect(sentTo(advisor)).toContain(ADDED);
    }
  });

  it('replaces B\'s card with "taken by a colleague" once A claims, and B\'s every try shows nothing more', async () => {
    const claimed = await new Conversation(bot, annelies).executes('case.claim', { caseId });
    expect(cardText({ card: claimed })).toContain('Opgepakt door Annelies Bakker');
    expect(JSON.stringify(claimed)).toContain(MESSAGE);
    const since = bot.connector.calls.length;
    await bot.app.outbox.runDueJobs();

    const refreshedForB = bot.connector.calls.slice(since).filter((call) => call.method === 'PUT' && call.conversationId === bram.conversationId);
    expect(refreshedForB).toHaveLength(1);
    const card = refreshedForB[0]!.activity.attachments[0].content;
    expect(cardText({ card })).toContain(code);
    expect(cardText({ card })).toContain('Opgepakt door een collega');
    expect(allActions(card).filter((action) => action.type === 'Action.Execute' && action.verb !== 'case.refresh')).toEqual([]);
    expectNothingOfTheCase(JSON.stringify(card));

    const beforeTries = bot.connector.calls.length;
    const tries = await everythingBTries();
    expect(tries).toContain('Opgepakt door een collega');
    expectNothingOfTheCase(tries);
    expectNothingOfTheCase(sentTo(bram, beforeTries));
    // The domain gives B no more than the card shows.
    const view = await bot.app.handoff.viewAsAdvisor(caseId, bram.aadObjectId);
    expect((await bot.app.store.get<HandoffCase>('cases', 'case', caseId))?.value).toMatchObject({ topic: 'bullying', perspective: 'target', addedMessages: [{ text: ADDED }] });
    expect(view.outcome === 'ok' && view.handoffCase).toMatchObject({
      code,
      status: 'claimed',
      message: null,
      addedMessages: [],
      topic: null,
      perspective: null,
      requester: { personKey: '' },
      claimedBy: { displayName: '' },
    });
    const listed = await bot.app.handoff.listOpenCasesFor(bram.aadObjectId);
    expect(listed.outcome === 'ok' && listed.cases.map((open) => open.id)).toEqual([]);
    const withColleagues = await bot.app.handoff.listCasesWithColleagues(bram.aadObjectId);
    // The list's type holds only what it may show: code, kind, pool and when.
    expect(withColleagues.outcome === 'ok' && withColleagues.cases).toEqual([{ code, kind: 'advice', pool: 'confidential-advisers', createdAt: expect.any(String) }]);
  });

  it('lists the case for B by code and status alone under "bij collega\'s", and not for A, who has it', async () => {
    const [listForB] = await new Conversation(bot, bram).says('bij collega’s');
    expect(cardText(listForB)).toContain("Openstaande aanvragen van jouw groepen die een collega heeft opgepakt: 1");
    expect(cardText(listForB)).toContain(code);
    expect(cardText(listForB)).toContain('opgepakt door een collega');
    expect(cardText(listForB)).toContain('aangevraagd 24 november 2026');
    expectNothingOfTheCase(JSON.stringify(listForB));
    const [listForA] = await new Conversation(bot, annelies).says("bij collega's");
    expect(cardText(listForA)).toContain('Er ligt nu geen openstaande aanvraag van jouw groepen bij een collega.');
    expect(cardText(listForA)).not.toContain(code);
  });

  it('relays the requester\'s messages to A only', async () => {
    const since = bot.connector.calls.length;
    await new Conversation(bot, requester).says(RELAYED);
    await bot.app.outbox.runDueJobs();
    expect(sentTo(annelies, since)).toContain(RELAYED);
    expectNothingOfTheCase(sentTo(bram, since));
  });

  it('shows a revealed name to A only: B\'s refreshed card and every try still show nothing', async () => {
    const status = new Conversation(bot, requester).proactiveCards().find((card) => allActions(card).some((action) => action.data?.verb === 'handoff.reveal'))!;
    const reveal = allActions(status).find((action) => action.data?.verb === 'handoff.reveal')!;
    const since = bot.connector.calls.length;
    await new Conversation(bot, requester).submits(reveal.data);
    await bot.app.outbox.runDueJobs();

    expect(sentTo(annelies, since)).toContain('Yara Jansen');
    expect(bot.connector.calls.slice(since).some((call) => call.method === 'PUT' && call.conversationId === bram.conversationId)).toBe(true);
    expectNothingOfTheCase(sentTo(bram, since));
    expectNothingOfTheCase(await everythingBTries());
    expectNothingOfTheCase(sentTo(bram, since));
  });

  it('still shows A everything, and A alone can close it', async () => {
    const refreshed = await new Conversation(bot, annelies).executes('case.refresh', { caseId });
    expect(JSON.stringify(refreshed)).toContain(MESSAGE);
    expect(cardText({ card: refreshed })).toContain('Yara Jansen');
    const closed = await new Conversation(bot, annelies).executes('case.close', { caseId, outcome: 'advice-given', followUp: 'false' });
    expect(cardText({ card: closed })).toContain(code);
    expectNothingOfTheCase(await everythingBTries());
  });
});
