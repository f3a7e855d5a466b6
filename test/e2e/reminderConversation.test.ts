import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot, type RunningBot } from '../support/botHarness';
import { killBot, startBotProcess, type BotProcess } from '../support/botProcess';
import { buttonTitles, cardText, Conversation, type BotReply } from '../support/conversation';
import { LocalConnector } from '../support/localConnector';
import { storedRowCounts } from '../support/storedRows';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';
import { exportPerson } from '../../src/storage/personExport';

/**
 * "Remind me to check in" (Delay, the fourth D): after a bystander's guidance the bot offers to
 * remind them later, with sentences to open the conversation. The reminder survives a restart,
 * can be cancelled, and "forget me" removes it.
 */
jest.setTimeout(200_000);

async function bystanderGuidance(conversation: Conversation, english: boolean): Promise<BotReply> {
  await conversation.says(english ? 'hello' : 'hallo');
  await conversation.clicks(english ? 'I saw or heard something' : 'Ik zag of hoorde iets');
  await conversation.clicks(english ? 'Bullying and exclusion' : 'Pesten en buitensluiten');
  const [next] = await conversation.clicks(english ? 'No, not right now' : 'Nee, nu niet');
  // The role is asked once and then remembered.
  if (buttonTitles(next!).includes(english ? 'Employee' : 'Medewerker')) return (await conversation.clicks(english ? 'Employee' : 'Medewerker'))[0]!;
  return next!;
}

describe('a bystander asks to be reminded to check in', () => {
  const clock = new TestClock('2026-12-05T13:00:00Z');
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({ REMINDER_AFTER_SHIFT_HOUR: '16' }, { clock, runBackgroundWork: false });
  });
  afterAll(async () => {
    await bot.stop();
  });

  const deliverDueReminders = async () => {
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
  };

  it('takes a day and time of their own, and asks again, keeping nothing, when it has passed, is too far ahead or is no date', async () => {
    const noor = new Conversation(bot, teamsUser('Noor Visser', 'nl-NL'));
    await bystanderGuidance(noor, false);
    const [offer] = await noor.clicks('Herinner me om te vragen hoe het gaat');
    // The card's own date input offers today up to 30 days ahead (the test clock starts on 5 December, 14:00 in Amsterdam).
    const dateInput = findById(offer!.card, 'remindDate');
    expect(dateInput).toMatchObject({ type: 'Input.Date', min: '2026-12-05', max: '2027-01-04', isRequired: true });
    expect(findById(offer!.card, 'remindTime')).toMatchObject({ type: 'Input.Time', isRequired: true });

    const chosen = { verb: 'reminder.set', topic: 'bullying', choice: 'chosenMoment' };
    for (const [remindDate, remindTime, reason] of [
      ['2026-12-05', '13:30', 'Dat moment is al voorbij. Kies een later moment.'],
      ['2027-02-01', '09:00', 'Kies een moment binnen 30 dagen'],
      ['2026-02-30', '09:00', 'Dat is geen dag en tijd die ik kan gebruiken.'],
    ] as const) {
      const [again] = await noor.submits({ ...chosen, remindDate, remindTime });
      expect(cardText(again)).toContain(reason);
      expect(buttonTitles(again!)).toContain('Herinnering instellen');
      // What they chose stays in the inputs, so they change it rather than enter it again.
      expect(findById(again!.card, 'remindTime')).toMatchObject({ value: remindTime });
    }
    // A client that sends the inputs empty gets the same question, not an out-of-date card.
    const [empty] = await noor.submits({ ...chosen, remindDate: '', remindTime: '' });
    expect(cardText(empty)).toContain('Dat is geen dag en tijd die ik kan gebruiken.');
    expect(storedRowCounts(bot).reminders).toBe(0);

    const [confirmation] = await noor.submits({ ...chosen, remindDate: '2026-12-18', remindTime: '10:15' });
    expect(cardText(confirmation)).toMatch(/Ik herinner je eraan op vrijdag 18 december om 10:15/);
    const rows = await bot.app.store.listPartition('reminders', 'person');
    expect(rows.map((row) => row.value)).toEqual([
      { topic: 'bullying', locale: 'nl', dueAt: '2026-12-18T09:15:00.000Z', timeZone: 'Europe/Amsterdam', setAt: clock.now().toISOString() },
    ]);
    await noor.says('herinnering annuleren');
  });

  it('offers it after the guidance, sends the sentences at the chosen time, and keeps only time, topic and language', async () => {
    const anna = new Conversation(bot, teamsUser('Anna Jansen', 'en-GB'));
    const guidance = await bystanderGuidance(anna, true);
    expect(buttonTitles(guidance)).toContain('Remind me to check in');
    const [offer] = await anna.clicks('Remind me to check in');
    expect(buttonTitles(offer!)).toEqual(['Tomorrow morning (09:00)', 'After my shift (16:00)', 'In two days (09:00)', 'Set reminder', 'Not now']);
    expect(cardText(offer)).toContain('I keep only the time, the topic and the address of this chat');

    const [confirmation] = await anna.clicks('After my shift (16:00)');
    expect(cardText(confirmation)).toContain('I will remind you on Saturday 5 December at 16:00');
    const rows = await bot.app.store.listPartition('reminders', 'person');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.value).toEqual({ topic: 'bullying', locale: 'en', dueAt: '2026-12-05T15:00:00.000Z', timeZone: 'Europe/Amsterdam', setAt: '2026-12-05T13:00:00.000Z' });

    // In the person's data export while it waits.
    const exported = await exportPerson(bot.app.store, rows[0]!.rowKey, bot.app.services.personKeys);
    expect(exported.checkInReminder).toMatchObject({ topic: 'bullying', dueAt: '2026-12-05T15:00:00.000Z' });

    clock.advanceMinutes(90);
    await deliverDueReminders();
    expect(anna.proactiveCards()).toHaveLength(0);

    clock.advanceMinutes(31);
    await deliverDueReminders();
    const [reminder] = anna.proactiveCards();
    expect(cardText({ card: reminder })).toContain('Time to check in');
    expect(cardText({ card: reminder })).toContain("I've noticed you're often left out. How are you actually doing?");
    expect(cardText({ card: reminder })).toContain('Bullying and exclusion');
    expect(await bot.app.store.listPartition('reminders', 'person')).toEqual([]);

    // Once, not again at the next sweep.
    clock.advanceDays(1);
    await deliverDueReminders();
    expect(anna.proactiveCards()).toHaveLength(1);
  });

  it('is cancelled with the button and with "herinnering annuleren", in Dutch', async () => {
    const sanne = new Conversation(bot, teamsUser('Sanne Bakker', 'nl-NL'));
    await bystanderGuidance(sanne, false);
    await sanne.clicks('Herinner me om te vragen hoe het gaat');
    let [confirmation] = await sanne.clicks('Morgenochtend (09:00)');
    expect(cardText(confirmation)).toMatch(/Ik herinner je eraan op \w+ \d+ december om 09:00/);
    const [cancelled] = await sanne.clicks('Herinnering annuleren');
    expect(cardText(cancelled)).toContain('Je herinnering is geannuleerd');
    const [none] = await sanne.says('herinnering annuleren');
    expect(cardText(none)).toContain('Je hebt geen herinnering openstaan');

    await bystanderGuidance(sanne, false);
    await sanne.clicks('Herinner me om te vragen hoe het gaat');
    [confirmation] = await sanne.clicks('Over twee dagen (09:00)');
    const [typed] = await sanne.says('Herinnering annuleren');
    expect(cardText(typed)).toContain('Je herinnering is geannuleerd');

    clock.advanceDays(3);
    await deliverDueReminders();
    expect(sanne.proactiveCards()).toHaveLength(0);
  });

  it('is removed by "forget me", and nothing is sent afterwards', async () => {
    const bram = new Conversation(bot, teamsUser('Bram de Wit', 'en-US'));
    await bystanderGuidance(bram, true);
    await bram.clicks('Remind me to check in');
    await bram.clicks('Tomorrow morning (09:00)');
    expect(await bot.app.store.listPartition('reminders', 'person')).toHaveLength(1);
    await bram.says('forget me');
    await bram.clicks('Yes, forget me');
    expect(storedRowCounts(bot).reminders).toBe(0);
    clock.advanceDays(2);
    await deliverDueReminders();
    expect(bram.proactiveCards()).toHaveLength(0);
  });

  it('refuses a tampered choice with a localized answer and stores nothing', async () => {
    const eva = new Conversation(bot, teamsUser('Eva Smit', 'nl-NL'));
    await eva.says('hallo');
    const [refused] = await eva.submits({ verb: 'reminder.set', topic: 'bullying', choice: 'nextYear' });
    expect(cardText(refused)).toContain('Deze knop werkt niet meer');
    const [alsoRefused] = await eva.submits({ verb: 'reminder.start', topic: 'not-a-topic' });
    expect(cardText(alsoRefused)).toContain('Deze knop werkt niet meer');
    expect(storedRowCounts(bot).reminders).toBe(0);
  });
});

describe('a reminder survives a restart', () => {
  let dataDir: string;
  let connector: LocalConnector;
  let bot: BotProcess | undefined;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bystander-reminder-'));
    connector = await new LocalConnector().start();
  });
  afterAll(async () => {
    if (bot) await killBot(bot);
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const environment = (clockOffsetMinutes: number) => ({
    SQLITE_PATH: path.join(dataDir, 'bot.sqlite'),
    SWEEP_INTERVAL_SECONDS: '1',
    OUTBOX_POLL_MS: '200',
    CLOCK_OFFSET_MINUTES: String(clockOffsetMinutes),
  });
  const asRunning = (process: BotProcess) => ({ messagesUrl: process.messagesUrl, connector }) as unknown as RunningBot;
  const cardsTo = (user: TeamsUser) =>
    connector.calls.filter((call) => call.conversationId === user.conversationId && call.method === 'POST').map((call) => JSON.stringify(call.activity));

  it('is sent by the restarted bot once its clock has reached the chosen time', async () => {
    const femke = teamsUser('Femke Visser', 'nl-NL');
    bot = await startBotProcess(environment(0));
    const [confirmation] = await new Conversation(asRunning(bot), femke).submits({ verb: 'reminder.set', topic: 'aggression', choice: 'inTwoDays' });
    expect(cardText(confirmation)).toContain('Herinnering staat klaar');
    const sentBefore = cardsTo(femke).length;
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);

    // Three days later, as far as the restarted bot's clock is concerned.
    bot = await startBotProcess(environment(3 * 24 * 60));
    const started = Date.now();
    while (!cardsTo(femke).slice(sentBefore).some((card) => card.includes('Tijd om te vragen hoe het gaat'))) {
      if (Date.now() - started > 60_000) throw new Error('the reminder did not arrive after the restart');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const reminders = cardsTo(femke).slice(sentBefore).filter((card) => card.includes('Tijd om te vragen hoe het gaat'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toContain('Dat was heftig. Hoe gaat het nu met je?');
  });
});

/** The input with this id anywhere in a card. */
function findById(card: unknown, id: string): Record<string, unknown> | undefined {
  if (Array.isArray(card)) return card.map((item) => findById(item, id)).find(Boolean);
  if (!card || typeof card !== 'object') return undefined;
  const record = card as Record<string, unknown>;
  if (record.id === id) return record;
  return Object.values(record).map((value) => findById(value, id)).find(Boolean);
}
