import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Red team, stop 30 #2. PRODUCT.md: "The language follows the person: a language they chose sticks."
 * Someone whose Teams is Dutch asks for an adviser in Dutch, then chooses English with `language`
 * (the bot confirms it in English and answers their next message in English). Everything the bot
 * tells them about their request afterwards (an adviser joined, the adviser's reply) still comes
 * in Dutch: the requester's proactive cards are drawn in the language the request was made in
 * (`requesterContext` in src/bot/handoffJobs/deliveryKit.ts reads `handoffCase.locale`), not the
 * language the person chose since. A "remind me to check in" set before the choice comes in the old
 * language the same way (the reminder keeps the language it was set in: src/reminders/reminder.ts).
 * The rule now: what goes out later reads the person's preferences when it is sent; a chosen
 * language wins, and without a choice the language the request or reminder was made in stays.
 */
const requester = teamsUser('Sanne Taalkeuze', 'nl-NL');
const adviser = teamsUser('Ruben Adviseur', 'nl-NL');

let bot: RunningBot;
const clock = new TestClock('2026-11-24T10:00:00Z'); // a Tuesday morning, within office hours

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:Ruben Adviseur` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot.stop();
});

describe('a request made in Dutch by someone who then chooses English', () => {
  it('tells them about their request in the language they chose, not the one they asked in', async () => {
    const { caseId, code } = await requestAdviser(bot, requester, { asks: 'ik wil praten met een vertrouwenspersoon' });
    const person = new Conversation(bot, requester);

    const [switched] = await person.says('language');
    // The choice is made and sticks: the bot says so in English.
    expect(cardText(switched)).not.toMatch(/vertrouwenspersoon|Nederlands/);
    const [menu] = await person.says('help');
    expect(cardText(menu)).toMatch(/What can I help you with|code of conduct/i);

    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, adviser).executes('case.claim', { caseId });
    await new Conversation(bot, adviser).executes('case.reply', { caseId, reply: 'Hello, I am here for you.' });
    await bot.app.outbox.runDueJobs();

    const told = person.proactiveCards().map((card) => cardText({ card }));
    const joined = told.find((text) => text.includes(code) && !text.includes('Hello, I am here for you.'));
    const reply = told.find((text) => text.includes('Hello, I am here for you.'));
    expect(joined).toBeDefined();
    expect(reply).toBeDefined();
    // In English, as chosen: "An adviser has joined your request", "Adviser · VK-…".
    expect(joined).toContain('An adviser has joined your request');
    expect(joined).not.toContain('Een vertrouwenspersoon heeft je aanvraag');
    expect(reply).toContain(`Adviser · ${code}`);
    expect(reply).not.toContain(`Vertrouwenspersoon · ${code}`);

    // The end of the conversation, told later still, in English too.
    const before = person.proactiveCards().length;
    await new Conversation(bot, adviser).executes('case.close', { caseId, outcome: 'advice-given', followUp: 'false' });
    await bot.app.outbox.runDueJobs();
    const closed = person.proactiveCards().slice(before).map((card) => cardText({ card }));
    expect(closed.join('\n')).toContain('Closed');
    expect(closed.join('\n')).not.toContain('Afgesloten');
  });

  it('keeps the language of the request for someone who never chose one', async () => {
    const dutch = teamsUser('Noor Zonderkeuze', 'en-GB');
    const { caseId, code } = await requestAdviser(bot, dutch, { asks: 'ik wil praten met een vertrouwenspersoon' });
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, adviser).executes('case.claim', { caseId });
    await bot.app.outbox.runDueJobs();
    const told = new Conversation(bot, dutch).proactiveCards().map((card) => cardText({ card }));
    expect(told.find((text) => text.includes(code))).toContain('Een vertrouwenspersoon heeft je aanvraag');
  });

  it('sends a check-in reminder set before the choice in the language chosen since', async () => {
    const person = new Conversation(bot, teamsUser('Joris Herinnering', 'nl-NL'));
    await person.says('Mijn collega wordt steeds buitengesloten door het team');
    const [set] = await person.submits({ verb: 'reminder.set', topic: 'bullying', choice: 'tomorrowMorning' });
    expect(cardText(set)).toContain('Herinnering staat klaar');
    await person.says('language');

    clock.advanceDays(2);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    const [reminder] = person.proactiveCards();
    expect(cardText({ card: reminder })).toContain('Time to check in');
    expect(cardText({ card: reminder })).not.toContain('Tijd om te vragen hoe het gaat');
  });
});
