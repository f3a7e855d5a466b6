import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';
import { FOLLOW_UP_DAYS, type HandoffCase } from '../../src/handoff/handoffCase';
import { HandoffSweep } from '../../src/handoff/handoffSweep';
import { isoWeekOf } from '../../src/insights/insightEvents';
import { readInsightWeek, tagGroupOf } from '../../src/insights/insightsRecorder';
import { WeekTagKeys } from '../../src/insights/weekTagKeys';

/** "Forget me", the retention purge and follow-up reminders, with a test clock. */

const advisor = teamsUser('Hanneke Jacobs', 'nl-NL');
const clock = new TestClock('2026-11-24T10:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${advisor.aadObjectId}:Hanneke Jacobs`, AUDIT_RETENTION_DAYS: '540' }, { clock, runBackgroundWork: false });
  await new Conversation(bot, advisor).installs();
});
afterAll(async () => {
  await bot.stop();
});

async function namedCase(person: ReturnType<typeof teamsUser>): Promise<string> {
  const { caseId } = await requestAdviser(bot, person, { asks: 'vertrouwenspersoon', mode: 'named', message: 'Over mijn stagebegeleider', contact: 'call' });
  await bot.app.outbox.runDueJobs();
  return caseId;
}

async function storedCase(caseId: string): Promise<HandoffCase> {
  return (await bot.app.store.get<HandoffCase>('cases', 'case', caseId))!.value;
}

describe('forget me', () => {
  it('asks to cancel an open request first', async () => {
    const person = teamsUser('Sophie Willems', 'nl-NL');
    await namedCase(person);
    const conversation = new Conversation(bot, person);
    const [question] = await conversation.says('vergeet mij');
    expect(cardText(question)).toContain('Hiermee verwijder ik je voorkeuren');
    const [refusal] = await conversation.clicks('Ja, vergeet mij');
    expect(cardText(refusal)).toContain('Je hebt nog een lopende aanvraag');
    expect(await bot.app.store.get('conversations', 'person', bot.app.services.personKeys.keyFor(person.aadObjectId))).toBeDefined();
  });

  it('is offered on the privacy card, which says what is kept and for how long', async () => {
    const conversation = new Conversation(bot, teamsUser('Yara Koster', 'en-GB'));
    const [privacy] = await conversation.says('privacy');
    expect(cardText(privacy)).toContain('until you ask me to forget you');
    // The audit trail's retention, as the bot was started with it.
    expect(cardText(privacy)).toContain('Each record is kept for 540 days');
    const [question] = await conversation.clicks('Forget me');
    expect(cardText(question)).toContain('This deletes your language and role preferences');
  });

  it('deletes preferences, the conversation reference and closed requests', async () => {
    const person = teamsUser('Thomas Vermeulen', 'en-GB');
    const caseId = await namedCase(person);
    await new Conversation(bot, advisor).executes('case.claim', { caseId });
    await new Conversation(bot, advisor).executes('case.close', { caseId, outcome: 'referred', followUp: 'false' });
    const conversation = new Conversation(bot, person);
    // Dutch chosen on the language card: 'taal' would toggle from the language last written in, Dutch here ('vertrouwenspersoon').
    await conversation.submits({ verb: 'locale.set', locale: 'nl' });
    const key = bot.app.services.personKeys.keyFor(person.aadObjectId);
    expect(await bot.app.store.get('preferences', 'person', key)).toBeDefined();

    await conversation.says('forget me');
    const [done] = await conversation.clicks('Ja, vergeet mij');
    expect(cardText(done)).toContain('1 afgesloten aanvraag verwijderd');
    expect(await bot.app.store.get('preferences', 'person', key)).toBeUndefined();
    expect(await bot.app.store.get('conversations', 'person', key)).toBeUndefined();
    // The whole case goes; the weekly counters keep the figures (test/privacy/nothingLeftBehind.test.ts scans every row and file).
    expect(await bot.app.store.get('cases', 'case', caseId)).toBeUndefined();
    // Asked again, with the chosen language forgotten too: nothing is left, said as a plural, not "request(s)".
    await conversation.says('forget me');
    const [again] = await conversation.clicks('Yes, forget me');
    expect(cardText(again)).toContain('and 0 closed requests.');
  });
  it("takes the person's tags out of this week's insight counters, which keep their counts", async () => {
    const person = teamsUser('Noor Bakker', 'en-GB');
    const conversation = new Conversation(bot, person);
    await conversation.says('hello');
    await bot.app.flushInsights();
    const week = isoWeekOf(clock.now());
    // What only the app can compute: the tag of this person key under the week's sealed key.
    const tagKeys = new WeekTagKeys(bot.app.store, bot.app.services.personKeys.derivedKey('insights-week-tag-keys'));
    const tagOf = await tagKeys.tagOf(week);
    const personKey = bot.app.services.personKeys.keyFor(person.aadObjectId);
    const countersWithTag = async (): Promise<string[]> =>
      [...(await readInsightWeek(bot.app.store, week)).people].filter(([counter, tags]) => tags.has(tagOf(tagGroupOf(counter), personKey))).map(([counter]) => counter);
    expect(await countersWithTag()).toContain('intent:help');
    const greetingsBefore = (await readInsightWeek(bot.app.store, week)).counts.get('intent:help');

    await conversation.says('forget me');
    await conversation.clicks('Yes, forget me');
    await bot.app.flushInsights();

    expect(await countersWithTag()).toEqual([]);
    expect((await readInsightWeek(bot.app.store, week)).counts.get('intent:help')).toBe(greetingsBefore);
  });
});

describe('retention', () => {
  it('removes a case the configured number of days after it closes, not before', async () => {
    const person = teamsUser('Eva Dekker', 'nl-NL');
    const caseId = await namedCase(person);
    await new Conversation(bot, advisor).executes('case.claim', { caseId });
    await new Conversation(bot, advisor).executes('case.close', { caseId, outcome: 'advice-given', followUp: 'true' });
    const retentionDays = bot.app.services.content.organisation.retention.caseContentDays;

    clock.advanceDays(retentionDays - 1);
    await bot.app.runSweep();
    expect((await storedCase(caseId)).message).toBe('Over mijn stagebegeleider');

    clock.advanceDays(2);
    await bot.app.runSweep();
    expect(await bot.app.store.get('cases', 'case', caseId)).toBeUndefined();
  });

  it('reminds the advisor of a follow-up once, on the day', async () => {
    const person = teamsUser('Lars Peeters', 'nl-NL');
    const caseId = await namedCase(person);
    await new Conversation(bot, advisor).executes('case.claim', { caseId });
    await new Conversation(bot, advisor).executes('case.close', { caseId, outcome: 'advice-given', followUp: 'true' });
    const reminders = () =>
      new Conversation(bot, advisor).proactiveCards().filter((card) => cardText({ card }).includes('Herinnering'));
    const before = reminders().length;
    clock.advanceDays(13);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    expect(reminders().length).toBe(before);
    clock.advanceDays(1);
    await bot.app.runSweep();
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    expect(reminders().length).toBe(before + 1);
  });

  it("never brings back a case its requester had forgotten while the sweep was reminding its adviser of the follow-up", async () => {
    const person = teamsUser('Ruben Smit', 'nl-NL');
    const caseId = await namedCase(person);
    await new Conversation(bot, advisor).executes('case.claim', { caseId });
    await new Conversation(bot, advisor).executes('case.close', { caseId, outcome: 'advice-given', followUp: 'true' });
    await bot.app.outbox.runDueJobs();
    const reminders = () =>
      new Conversation(bot, advisor).proactiveCards().filter((card) => cardText({ card }).includes('Herinnering'));
    const before = reminders().length;
    clock.advanceDays(FOLLOW_UP_DAYS);

    // Another instance: the person's "forget me" lands just after this sweep listed the cases for their follow-ups
    // (final review, stop 31, #5: the reminder's mark was a blind write of that list's copy, which wrote the case back).
    const { store } = bot.app;
    const listPartition = store.listPartition.bind(store);
    let listingFollowUps = false;
    let forgotten = false;
    const followUps = HandoffSweep.prototype.sendDueFollowUpReminders;
    jest.spyOn(HandoffSweep.prototype, 'sendDueFollowUpReminders').mockImplementation(async function (this: HandoffSweep) {
      listingFollowUps = true;
      return followUps.call(this);
    });
    jest.spyOn(store, 'listPartition').mockImplementation(async (table, partitionKey) => {
      const rows = await listPartition(table, partitionKey);
      if (listingFollowUps && !forgotten && table === 'cases' && partitionKey === 'case') {
        forgotten = true;
        const forgetting = new Conversation(bot, person);
        await forgetting.says('vergeet mij');
        await forgetting.clicks('Ja, vergeet mij');
      }
      return rows as never;
    });
    try {
      await bot.app.runSweep();
    } finally {
      jest.restoreAllMocks();
    }
    await bot.app.outbox.runDueJobs();

    expect(forgotten).toBe(true);
    expect(await bot.app.store.get('cases', 'case', caseId)).toBeUndefined();
    const key = bot.app.services.personKeys.keyFor(person.aadObjectId);
    expect(await bot.app.store.listPartition('cases', `requester:${key}`)).toEqual([]);
    expect(reminders().length).toBe(before);
  });

  it('names on the close form the number of days the follow-up waits, and keeps that day', async () => {
    const caseId = await namedCase(teamsUser('Noor Jansen', 'nl-NL'));
    const card = await new Conversation(bot, advisor).executes('case.claim', { caseId });
    expect(cardText({ card })).toContain(`Herinner me over ${FOLLOW_UP_DAYS} dagen aan een vervolgcontact`);
    await new Conversation(bot, advisor).executes('case.close', { caseId, outcome: 'advice-given', followUp: 'true' });
    const due = new Date(clock.now().getTime() + FOLLOW_UP_DAYS * 86_400_000).toISOString().slice(0, 10);
    expect((await storedCase(caseId)).followUpOn).toBe(due);
  });
});
