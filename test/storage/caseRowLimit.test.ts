import { randomUUID } from 'node:crypto';
import { MAX_CASE_BYTES_WITH_ADDITIONS, MAX_CASE_CHARS_WITH_ADDITIONS, type HandoffCase } from '../../src/handoff/handoffCase';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation, type BotReply } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * A case is one Azure Tables row, and the store writes it as JSON: a quote, a backslash or a line
 * break takes two characters there, an unpaired surrogate six. Words added to an open request are
 * limited by that written size, so the requester hears "full" before the store would refuse the
 * row, and every later step of the case (escalation, claim, closing, expiry, purge) still saves.
 * On Azurite, over HTTP, with the words that grow most when written.
 */
jest.setTimeout(180_000);

const AZURE_ROW_CHARS = 32 * 1024;
/** 500 characters (the consent card's limit) that JSON writes as 1,000; `index` keeps each one new. */
const grows = (index: number, length = 500) => `${index} ${'"\\\n'.repeat(length)}`.slice(0, length);

describe('an open request filled with words that grow when written, on Azure Tables', () => {
  const adviser = teamsUser('Femke Visser', 'nl-NL');
  const clock = new TestClock('2026-11-24T09:30:00Z');
  let azurite: RunningAzurite;
  let bot: RunningBot;
  beforeAll(async () => {
    azurite = await startAzurite();
    bot = await startBot(
      {
        STORAGE: 'azure-tables',
        AZURE_TABLES_CONNECTION_STRING: azurite.connectionString,
        AZURE_TABLES_PREFIX: `l${randomUUID().replace(/-/g, '').slice(0, 10)}`,
        LOCAL_ADVISORS: `${adviser.aadObjectId}:Femke Visser`,
        LOCAL_PROGRAMME_LEADS: `${adviser.aadObjectId}:Femke Visser`,
      },
      { clock, runBackgroundWork: false },
    );
    await new Conversation(bot, adviser).installs();
  });
  afterAll(async () => {
    await bot?.stop();
    await azurite?.stop();
  });

  const stored = async (caseId: string) => (await bot.app.store.get<HandoffCase>('cases', 'case', caseId))?.value;
  const written = async (caseId: string) => JSON.stringify(await stored(caseId)).length;
  const caseIdOn = (reply: BotReply | undefined) => allActions(reply?.card ?? {}).find((action) => action.data?.caseId)!.data.caseId as string;

  /** Sends words until the request says it is full; returns how many were added. */
  async function fill(person: Conversation, form: (index: number) => Record<string, unknown>, added: string): Promise<number> {
    for (let index = 1; index <= 40; index += 1) {
      const replies = await person.submits(form(index));
      const text = cardText(replies.at(-1));
      if (text.includes('this message was not added') || text.includes('dit bericht is niet toegevoegd')) return index - 1;
      if (!text.includes(added)) throw new Error(text.slice(-600));
    }
    throw new Error('the request never said it was full');
  }

  it('says "full" before the row would fail, and the escalation, the claim and the closing still save; the purge removes it', async () => {
    const person = new Conversation(bot, teamsUser('Sam Vol', 'en-GB'));
    const send = { verb: 'handoff.confirm', flow: {}, mode: 'anonymous', urgent: 'false' };
    const caseId = caseIdOn((await person.submits({ ...send, message: grows(0) })).at(-1));
    const added = await fill(person, (index) => ({ ...send, message: grows(index) }), 'was added to request');
    expect(added).toBeGreaterThan(0);
    expect(await written(caseId)).toBeLessThanOrEqual(MAX_CASE_CHARS_WITH_ADDITIONS);

    await bot.app.outbox.runDueJobs();
    clock.advanceMinutes(61);
    await bot.app.runSweep();
    expect((await stored(caseId))?.escalatedAt).toBe(clock.now().toISOString());
    await new Conversation(bot, adviser).executes('case.claim', { caseId });
    expect((await stored(caseId))?.status).toBe('claimed');
    await new Conversation(bot, adviser).executes('case.close', { caseId, outcome: 'advice-given', followUp: 'false' });
    expect((await stored(caseId))?.status).toBe('closed');
    expect(await written(caseId)).toBeLessThan(AZURE_ROW_CHARS);

    clock.advanceDays(bot.app.services.content.organisation.retention.caseContentDays + 1);
    await bot.app.runSweep();
    expect(await stored(caseId)).toBeUndefined();
  });

  it('expires a full request nobody claimed', async () => {
    const person = new Conversation(bot, teamsUser('Eva Verlopen', 'nl-NL'));
    const send = { verb: 'handoff.confirm', flow: {}, mode: 'named', urgent: 'false' };
    const caseId = caseIdOn((await person.submits({ ...send, message: grows(0) })).at(-1));
    await fill(person, (index) => ({ ...send, message: grows(index) }), 'is toegevoegd aan aanvraag');
    clock.advanceDays(15);
    await bot.app.runSweep();
    expect((await stored(caseId))?.status).toBe('expired');
  });

  it('takes fewer dialogue reasons (up to 1,000 characters each) than the count limit, as many as the row holds', async () => {
    const person = new Conversation(bot, teamsUser('Marieke Vol', 'nl-NL'));
    const form = (index: number) => ({ verb: 'dialogue.confirm', format: 'team', team: 'Radiologie', teamSize: 'small', preferredPeriod: 'maart', reason: grows(index, 1000), contact: 'Teams' });
    const caseId = caseIdOn((await person.submits(form(0))).at(-1));
    const added = await fill(person, form, 'is toegevoegd aan aanvraag');
    // Each reason writes as about 2,000 characters (and bytes: all ASCII), so the byte limit of the cards
    // comes first: seven fit beside the first form, an eighth would not.
    expect(added).toBe(7);
    expect((await stored(caseId))?.addedMessages).toHaveLength(7);
    const full = await written(caseId);
    expect(full).toBeLessThanOrEqual(Math.min(MAX_CASE_CHARS_WITH_ADDITIONS, MAX_CASE_BYTES_WITH_ADDITIONS));
    expect(full + JSON.stringify(grows(8, 1000)).length).toBeGreaterThan(MAX_CASE_BYTES_WITH_ADDITIONS);
    const claimed = await new Conversation(bot, adviser).executes('case.claim', { caseId });
    expect(cardText({ card: claimed })).not.toMatch(/went wrong|ging mis/i);
    expect((await stored(caseId))?.status).toBe('claimed');
  });

  it('stores unpaired surrogates as U+FFFD, so a request of them is claimed (before: a row the store refused, the claim an apology)', async () => {
    const person = new Conversation(bot, teamsUser('Sam Surrogaat', 'en-GB'));
    const send = { verb: 'handoff.confirm', flow: {}, mode: 'anonymous', urgent: 'false' };
    const broken = (index: number) => '\ud800'.repeat(499) + String.fromCharCode(65 + index);
    const caseId = caseIdOn((await person.submits({ ...send, message: 'Hello' })).at(-1));
    await fill(person, (index) => ({ ...send, message: broken(index) }), 'was added to request');
    expect(await written(caseId)).toBeLessThanOrEqual(MAX_CASE_CHARS_WITH_ADDITIONS);
    await bot.app.outbox.runDueJobs();
    const claimed = await new Conversation(bot, adviser).executes('case.claim', { caseId });
    expect(cardText({ card: claimed })).not.toMatch(/went wrong|ging mis/i);
    expect((await stored(caseId))?.status).toBe('claimed');
  });
});
