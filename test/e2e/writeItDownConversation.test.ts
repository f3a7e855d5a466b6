import { randomUUID } from 'node:crypto';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, buttonTitles, cardText, Conversation, type Card } from '../support/conversation';
import { azureTablesText, sqliteFileText, sqliteRowsText } from '../support/storedRows';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * "Write it down" (Document, the third D): a bystander writes a private, dated note, the bot
 * sends it straight back, and keeps none of it. After the flow every row of every table, every
 * byte of the SQLite file and its WAL, every entity in Azurite and every log line are searched
 * for a marker that was in each field of the note.
 */
jest.setTimeout(120_000);

interface StorageUnderTest {
  readonly name: string;
  settings(): Record<string, string>;
  everythingStored(bot: RunningBot): Promise<string>;
}

const sqlite: StorageUnderTest = {
  name: 'SQLite',
  settings: () => ({}),
  // Bytes as well as rows: text that lingers in free pages or the write-ahead log counts too.
  everythingStored: async (bot) => `${sqliteRowsText(bot)}\n${sqliteFileText(bot)}`,
};

function azureTables(azurite: () => RunningAzurite): StorageUnderTest {
  const prefix = `n${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  return {
    name: 'Azure Tables on Azurite',
    settings: () => ({ STORAGE: 'azure-tables', AZURE_TABLES_CONNECTION_STRING: azurite().connectionString, AZURE_TABLES_PREFIX: prefix }),
    everythingStored: () => azureTablesText(azurite().connectionString),
  };
}

let azurite: RunningAzurite | undefined;
beforeAll(async () => {
  azurite = await startAzurite();
}, 60_000);
afterAll(async () => {
  await azurite?.stop();
});

/** The form's send button data merged with what the person typed, as Teams submits it. */
function filledIn(form: Card, fields: Record<string, string>): Record<string, unknown> {
  const send = allActions(form).find((action) => action.data?.verb === 'note.write');
  if (!send) throw new Error('the form has no send button');
  return { ...send.data, ...fields };
}

describe.each([sqlite, azureTables(() => azurite!)])('a note is never stored: $name', (storage) => {
  const clock = new TestClock('2026-12-05T16:20:00Z');
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot(storage.settings(), { clock, runBackgroundWork: false });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('sends a bystander their dated note back and keeps no trace of it in storage or logs', async () => {
    const marker = `NOTE-MARKER-${randomUUID()}`;
    const anna = new Conversation(bot, teamsUser('Anna Jansen', 'en-GB'));
    const [welcome] = await anna.installs();
    expect(buttonTitles(welcome)).toContain('Write down what happened');

    const [form] = await anna.clicks('Write down what happened');
    expect(cardText(form)).toContain('Write it down while it is fresh');
    expect(cardText(form)).toContain('I do not keep it: not in my storage and not in my logs');
    // Every input has a label a screen reader reads out.
    const inputs = JSON.stringify(form.card).match(/"type":"Input\.[A-Za-z]+"/g) ?? [];
    expect(inputs).toHaveLength(7);
    const labels = (function collect(node: unknown): string[] {
      if (Array.isArray(node)) return node.flatMap(collect);
      if (!node || typeof node !== 'object') return [];
      const record = node as Card;
      const own = typeof record.type === 'string' && record.type.startsWith('Input.') ? [String(record.label ?? '')] : [];
      return [...own, ...Object.values(record).flatMap(collect)];
    })(form.card);
    expect(labels.filter((label) => label.trim().length > 0)).toHaveLength(7);

    const [note] = await anna.submits(
      filledIn(form.card!, {
        what: `A patient shouted at the new nurse at the desk ${marker} what`,
        whenDate: '2026-12-05',
        whenTime: '15:40',
        where: `Ward 4 North ${marker} where`,
        who: `Two colleagues ${marker} who`,
        said: `"Get out of my way" ${marker} said`,
        did: `I stood beside her ${marker} did`,
      }),
    );
    const text = cardText(note);
    for (const field of ['what', 'where', 'who', 'said', 'did']) expect(text).toContain(`${marker} ${field}`);
    expect(text).toContain('Written on 5 December 2026 at 17:20');
    expect(text).toContain('5 December 2026, 15:40');
    expect(text).toContain('Share to Outlook');
    expect(text).toContain('I did not keep a copy');
    // What a person wrote is a TextRun, never Markdown.
    expect(JSON.stringify(note.card)).toContain(`"type":"TextRun","text":"A patient shouted at the new nurse at the desk ${marker} what"`);

    await bot.app.flushInsights();
    await bot.app.outbox.runDueJobs();
    expect(await storage.everythingStored(bot)).not.toContain(marker);
    expect(bot.logs.join('\n')).not.toContain(marker);
  });

  it('reaches the form from a bystander\'s guidance and answers in Dutch, keeping nothing', async () => {
    const marker = `NOTITIE-MARKER-${randomUUID()}`;
    const sanne = new Conversation(bot, teamsUser('Sanne Bakker', 'nl-NL'));
    await sanne.says('hallo');
    await sanne.clicks('Ik zag of hoorde iets');
    await sanne.clicks('Pesten en buitensluiten');
    await sanne.clicks('Nee, nu niet');
    const [guidance] = await sanne.clicks('Medewerker');
    expect(buttonTitles(guidance)).toContain('Schrijf op wat er gebeurde');
    const [form] = await sanne.clicks('Schrijf op wat er gebeurde');
    expect(cardText(form)).toContain('Ik bewaar hem niet');
    const [note] = await sanne.submits(filledIn(form.card!, { what: `Een collega werd uitgelachen ${marker}`, whenDate: '', whenTime: '', where: '', who: '', said: '', did: '' }));
    expect(cardText(note)).toContain(`Een collega werd uitgelachen ${marker}`);
    expect(cardText(note)).toContain('Geschreven op 5 december 2026');
    expect(cardText(note)).toContain('Delen met Outlook');
    // Only what was filled in is shown.
    expect(cardText(note)).not.toContain('Wie waren erbij?');

    // A tampered or oversized note gets a localized answer and is not kept either.
    const [tooLong] = await sanne.submits(filledIn(form.card!, { what: `${marker} ${'x'.repeat(5000)}` }));
    expect(cardText(tooLong)).toContain('Ik kon deze notitie niet lezen');
    const [tampered] = await sanne.submits({ ...filledIn(form.card!, { what: `${marker} extra` }), caseId: 'not-a-field' });
    expect(cardText(tampered)).toContain('Ik kon deze notitie niet lezen');
    const [empty] = await sanne.submits(filledIn(form.card!, { what: '   ' }));
    expect(cardText(empty)).toContain('Ik kon deze notitie niet lezen');

    await bot.app.flushInsights();
    expect(await storage.everythingStored(bot)).not.toContain(marker);
    expect(bot.logs.join('\n')).not.toContain(marker);
  });
});

describe('"write it down" in English, typed', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('opens the form from the typed command and from the guidance of someone it happened to', async () => {
    const bram = new Conversation(bot, teamsUser('Bram de Wit', 'en-US'));
    const [form] = await bram.says('write it down');
    expect(JSON.stringify(form.card)).toContain('"label":"What happened?"');
    await bram.says('help');
    await bram.clicks('It happened to me');
    await bram.clicks('Bullying and exclusion');
    await bram.clicks('No, not right now');
    const [guidance] = await bram.clicks('Employee');
    expect(buttonTitles(guidance)).toContain('Write down what happened');
  });
});
