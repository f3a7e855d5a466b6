import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readInsightWeek } from '../../src/insights/insightsRecorder';
import { createEntityStore } from '../../src/storage/createEntityStore';
import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation, type Card } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * The programme's figures come from what people actually do in the bot: scripted
 * conversations over HTTP add up to exactly these weekly counts, and a programme lead sees
 * them in Teams only as published (banded, small cells "<5") figures with a chart; a graceful shutdown writes the counts
 * not flushed yet.
 */

const femke = teamsUser('Femke Visser', 'nl-NL');
const lead = teamsUser('Marloes de Boer', 'en-GB');
const leadInDutch = teamsUser('Joris Hendriks', 'nl-NL');
const bystanders = ['Anna Jansen', 'Bram de Wit', 'Chris Peeters', 'Daan Smit', 'Eva Mulder', 'Fleur Bos'].map((name) => teamsUser(name, 'en-GB'));
const urgentWitnesses = ['Gijs Vos', 'Hanna Kok'].map((name) => teamsUser(name, 'nl-NL'));
const requesters = ['Iris Meijer', 'Jan de Groot', 'Kim Visser', 'Lars Dekker', 'Mila Brouwer'].map((name) => teamsUser(name, 'en-GB'));

// Tuesday of ISO week 2026-W46 (9-15 November), in office hours.
const clock = new TestClock('2026-11-10T09:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot(
    {
      LOCAL_ADVISORS: `${femke.aadObjectId}:Femke Visser`,
      LOCAL_PROGRAMME_LEADS: `${lead.aadObjectId}:Marloes de Boer;${leadInDutch.aadObjectId}:Joris Hendriks`,
    },
    { clock, runBackgroundWork: false },
  );
});
afterAll(async () => {
  await bot.stop();
});

function actionData(card: Card | undefined, title: string): Record<string, unknown> {
  const action = (card?.actions ?? []).find((candidate: Card) => candidate.title === title);
  if (!action) throw new Error(`no action ${title}`);
  return action.data;
}

describe('a week of conversations', () => {
  it('counts what six bystanders, two urgent witnesses and five requesters did', async () => {
    for (const [index, person] of bystanders.entries()) {
      const bystander = new Conversation(bot, person);
      await bystander.says('hello');
      await bystander.clicks('I saw or heard something');
      await bystander.clicks('Bullying and exclusion');
      await bystander.clicks('No, not right now');
      const [guidance] = await bystander.clicks('Employee');
      expect(cardText(guidance)).toContain('Things you could say');
      await bystander.clicks(index === 0 ? 'This did not help' : 'This helped');
      if (index === 1) {
        // Clicking again on the same card, or the other button, is still one vote.
        const helped = allActions(guidance!.card!).find((action) => action.title === 'This helped')!.data;
        const notHelped = allActions(guidance!.card!).find((action) => action.title === 'This did not help')!.data;
        await bystander.submits(helped, guidance!.id);
        await bystander.submits(notHelped, guidance!.id);
      }
    }
    for (const person of urgentWitnesses) {
      const [first] = await new Conversation(bot, person).says('Er wordt nu iemand geslagen op de SEH');
      expect(cardText(first)).toContain('Veiligheid eerst');
    }
    const caseIds: string[] = [];
    for (const person of requesters) {
      const requester = new Conversation(bot, person);
      const [consent] = await requester.says('talk');
      const [confirmation] = await requester.submits({
        ...actionData(consent?.card, 'Send request'),
        mode: 'anonymous',
        message: '',
        contact: 'teams-chat',
        urgent: 'false',
      });
      caseIds.push((confirmation?.card?.actions ?? []).find((action: Card) => action.data?.caseId)?.data.caseId);
    }
    clock.advanceMinutes(20);
    for (const caseId of caseIds.slice(0, 3)) await new Conversation(bot, femke).executes('case.claim', { caseId });
    await new Conversation(bot, requesters[4]!).submits({ verb: 'handoff.cancel', caseId: caseIds[4] });

    await bot.app.flushInsights();
    const week = await readInsightWeek(bot.app.store, '2026-W46');
    expect(Object.fromEntries(week.counts)).toEqual({
      'intent:help': 6,
      'intent:guidance': 2,
      'intent:talk': 5,
      'guidance:shown': 6,
      'topic:bullying': 6,
      'perspective:witness': 6,
      'role:employee': 6,
      'locale:en': 6,
      'feedback:helpful': 5,
      'feedback:helpful:bullying': 5,
      'feedback:not-helpful': 1,
      'feedback:not-helpful:bullying': 1,
      'urgent-route:shown': 2,
      'handoff:requested': 5,
      'handoff:requested:anonymous': 5,
      'handoff:requested:topic:none': 5,
      'handoff:claimed': 3,
      'handoff:cancelled': 1,
    });
    expect(Object.fromEntries(week.minutesToClaim)).toEqual({ '15-30': 3 });
  });

  it('stores counters only: no text, name, id or time in the week entity', async () => {
    const stored = JSON.stringify((await bot.app.store.get('insights', '2026-W46', 'counts'))?.value);
    for (const person of [...bystanders, ...urgentWitnesses, ...requesters, femke]) {
      expect(stored).not.toContain(person.name);
      expect(stored).not.toContain(person.aadObjectId);
    }
    expect(stored).not.toMatch(/geslagen|SEH|2026-11-1\d/);
  });
});

describe('a programme lead asks for the figures in Teams', () => {
  beforeAll(() => {
    // The next Tuesday: week 46 has closed and can be published.
    clock.advanceDays(7);
  });

  it('shows banded figures, "<5" for small cells, and a chart image Teams can draw', async () => {
    const [summary] = await new Conversation(bot, lead).says('insights');
    const text = cardText(summary);
    expect(text).toContain('Programme figures: the last 8 weeks');
    const facts = Object.fromEntries(
      (summary?.card?.body ?? [])
        .filter((element: Card) => element.type === 'FactSet')
        .flatMap((element: Card) => element.facts.map((fact: Card) => [fact.title, fact.value])),
    );
    expect(facts).toMatchObject({
      'Guidance shown': '5',
      'Emergency route shown': '<5',
      'Requests for an adviser': '5',
      'Requests claimed': '<5',
      'Team dialogue requests': '<5',
      'Median time to claim': 'too few to show',
      'Asked about most': 'Bullying and exclusion (5)',
    });
    // 6 guidance cards, 3 claims, 2 urgent routes: no exact small count leaves the store.
    expect(Object.values(facts).join(' ')).not.toMatch(/\b[1-46]\b/);

    const image = (summary?.card?.body ?? []).find((element: Card) => element.type === 'Image');
    expect(image.url).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(image.url.slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(640);
    // Teams refuses bot messages over about 28 KB.
    const [call] = bot.connector.calls.filter((candidate) => candidate.conversationId === lead.conversationId).slice(-1);
    expect(JSON.stringify(call!.activity).length).toBeLessThan(28 * 1024);
  });

  it('answers in Dutch for a Dutch programme lead', async () => {
    const [summary] = await new Conversation(bot, leadInDutch).says('inzichten');
    expect(cardText(summary)).toContain('Cijfers van het programma: de afgelopen 8 weken');
    expect(cardText(summary)).toContain('Adviezen getoond');
  });

  it('refuses anyone outside the programme-lead group, advisers included, and shows no figure', async () => {
    for (const person of [femke, bystanders[0]!]) {
      const [refusal] = await new Conversation(bot, person).says('insights');
      const text = cardText(refusal);
      expect(text).toMatch(/programme-lead group|groep programmaleiders/);
      expect(refusal?.card?.body?.some((element: Card) => element.type === 'Image' || element.type === 'FactSet')).toBe(false);
    }
  });
});

/**
 * "Events are added up in memory and written every 30 s as one update per week ...; a graceful shutdown writes what is
 * left" (README, Programme insights). insightsRecorder.test.ts proves the recorder's own close, and the tests above flush
 * themselves: a bot that stopped without writing its last 30 s of counts passed every test (audit, stop 32). A bot of its
 * own: a conversation, then a graceful stop before any flush, then the store read by itself.
 */
describe('a graceful shutdown', () => {
  // Tuesday of ISO week 2026-W46, in office hours; this clock does not move, so no timed flush runs.
  const stillClock = new TestClock('2026-11-10T09:00:00Z');

  it('writes the counts of a conversation the bot had not flushed yet when it stops gracefully', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'insights-shutdown-'));
    try {
      const sqlitePath = path.join(dataDir, 'bot.sqlite');
      const stopping = await startBot({ SQLITE_PATH: sqlitePath }, { clock: stillClock, runBackgroundWork: false });
      await new Conversation(stopping, teamsUser('Lotte Laatste', 'en-GB')).says('help');
      await stopping.stop();

      const store = await createEntityStore({ ...stopping.config.storage });
      try {
        const week = await readInsightWeek(store, '2026-W46');
        expect(Object.fromEntries(week.counts)).toMatchObject({ 'intent:help': 1 });
      } finally {
        await store.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
