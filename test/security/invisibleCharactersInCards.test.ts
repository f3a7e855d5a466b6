import type { HandoffCase } from '../../src/handoff/handoffCase';
import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation, type Card } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { sqliteRowsText } from '../support/storedRows';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Typed text loses the characters nobody sees before anything reads it; what people write into a
 * card's inputs goes to someone else too (the programme team, an adviser, the requester) and is
 * stored while the case is open. Each input here is sent with zero-width spaces, direction marks,
 * a right-to-left override and NUL between its letters, over HTTP as Teams posts it, and what the
 * other side receives and what is stored is read back.
 */
jest.setTimeout(60_000);

const HIDDEN = ['\u200B', '\u200E', '\u202E', '\u0000', '\u00AD', '\u2066'];
const ANY_HIDDEN = /[\u200B\u200E\u202E\u0000\u00AD\u2066]|\\u0000/;

/** The words with a hidden character after every letter, as a hostile client (or a bad paste) sends them. */
function spoiled(text: string): string {
  return [...text].map((letter, index) => `${letter}${HIDDEN[index % HIDDEN.length]}`).join('');
}

const adviser = teamsUser('Femke Visser', 'en-GB');
const clock = new TestClock('2026-12-07T09:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:Femke Visser` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot?.stop();
});

const storedCase = async (caseId: string) => (await bot.app.store.get<HandoffCase>('cases', 'case', caseId))?.value;
const latestCardFor = (person: ReturnType<typeof teamsUser>): Card => new Conversation(bot, person).proactiveCards().at(-1)!;

describe('the team-dialogue form', () => {
  const fields = { team: 'Ward 5 north', preferredPeriod: 'early March', reason: 'Tension after the merger', contact: 'call me on Teams' };

  it('reaches the programme team and the store without the hidden characters', async () => {
    const manager = new Conversation(bot, teamsUser('Marieke de Boer', 'en-GB'));
    const [form] = await manager.says('team dialogue');
    const send = allActions(form.card!).find((action) => action.data?.verb === 'dialogue.confirm')!.data;
    const spoiledFields = Object.fromEntries(Object.entries(fields).map(([field, text]) => [field, spoiled(text)]));
    const [confirmation] = await manager.submits({ ...send, ...spoiledFields, teamSize: 'small' });
    expect(cardText(confirmation)).toContain('Your team dialogue request has been sent');

    await bot.app.outbox.runDueJobs();
    const received = latestCardFor(adviser);
    for (const text of Object.values(fields)) expect(cardText({ card: received })).toContain(text);
    expect(JSON.stringify(received)).not.toMatch(ANY_HIDDEN);

    const stored = (await bot.app.store.listPartition<HandoffCase>('cases', 'case')).map((row) => row.value).find((value) => value.dialogue?.team === fields.team);
    expect(stored?.dialogue).toMatchObject(fields);
    expect(JSON.stringify(stored)).not.toMatch(ANY_HIDDEN);
  });

  it('refuses a required field that holds nothing but hidden characters, and stores nothing', async () => {
    const manager = new Conversation(bot, teamsUser('Pieter Leeg', 'en-GB'));
    const [form] = await manager.says('team dialogue');
    const send = allActions(form.card!).find((action) => action.data?.verb === 'dialogue.confirm')!.data;
    const casesBefore = (await bot.app.store.listPartition('cases', 'case')).length;
    const [answer] = await manager.submits({ ...send, ...fields, teamSize: 'small', team: HIDDEN.join('') });
    expect(cardText(answer)).not.toContain('has been sent');
    expect((await bot.app.store.listPartition('cases', 'case')).length).toBe(casesBefore);
  });
});

describe("a request's message, the requester's name and an adviser's reply", () => {
  it("show the adviser a named requester's message and name without them, and store neither with them", async () => {
    const requester = teamsUser(spoiled('Lotte van Dijk'), 'en-GB');
    const conversation = new Conversation(bot, requester);
    const [consent] = await conversation.says('talk');
    const send = allActions(consent.card!).find((action) => action.data?.verb === 'handoff.confirm')!.data;
    const message = 'My supervisor comments on my body';
    const confirmation = (await conversation.submits({ ...send, mode: 'named', contact: 'teams-chat', urgent: 'false', message: spoiled(message) })).at(-1)!;
    const caseId = allActions(confirmation.card!).find((action) => action.data?.caseId)!.data.caseId as string;

    await bot.app.outbox.runDueJobs();
    const claimed = await new Conversation(bot, adviser).executes('case.claim', { caseId });
    expect(cardText({ card: claimed })).toContain(message);
    expect(cardText({ card: claimed })).toContain('Lotte van Dijk');
    expect(JSON.stringify(claimed)).not.toMatch(ANY_HIDDEN);
    const stored = JSON.stringify(await storedCase(caseId));
    expect(stored).toContain(message);
    expect(stored).toContain('Lotte van Dijk');
    expect(stored).not.toMatch(ANY_HIDDEN);
  });

  it("relay an adviser's reply and an anonymous requester's typed message without them; a reply of hidden characters alone is empty", async () => {
    const requester = teamsUser('Anna Anoniem', 'en-GB');
    const { caseId, code } = await requestAnonymously(bot, requester);
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, adviser).executes('case.claim', { caseId });
    await bot.app.outbox.runDueJobs();

    const repliesBefore = new Conversation(bot, requester).proactiveCards().length;
    const empty = await new Conversation(bot, adviser).executes('case.reply', { caseId, reply: HIDDEN.join('') });
    expect(cardText({ card: empty })).toContain('Write a reply first.');
    await bot.app.outbox.runDueJobs();
    expect(new Conversation(bot, requester).proactiveCards()).toHaveLength(repliesBefore);

    const reply = 'Shall we talk at 17:30 today?';
    const sent = await new Conversation(bot, adviser).executes('case.reply', { caseId, reply: spoiled(reply) });
    expect(cardText({ card: sent })).toContain(`Reply sent to the requester of ${code}`);
    // Waiting in the outbox, the reply is stored too.
    expect(sqliteRowsText(bot)).toContain(reply);
    expect(sqliteRowsText(bot)).not.toMatch(ANY_HIDDEN);
    await bot.app.outbox.runDueJobs();
    const relayed = latestCardFor(requester);
    expect(cardText({ card: relayed })).toContain(reply);
    expect(JSON.stringify(relayed)).not.toMatch(ANY_HIDDEN);

    await new Conversation(bot, requester).says(spoiled('Is Thursday possible'));
    await bot.app.outbox.runDueJobs();
    const received = latestCardFor(adviser);
    expect(cardText({ card: received })).toContain('Is Thursday possible');
    expect(JSON.stringify(received)).not.toMatch(ANY_HIDDEN);
    expect(JSON.stringify(await storedCase(caseId))).not.toMatch(ANY_HIDDEN);
  });
});

describe('"Write it down"', () => {
  it('sends the note back without the hidden characters', async () => {
    const person = new Conversation(bot, teamsUser('Sanne Notitie', 'en-GB'));
    await person.says('write it down');
    const replies = await person.submits({ verb: 'note.write', what: spoiled('He shouted at the intern'), who: spoiled('the intern'), where: '', said: '', did: '' });
    const note = replies.map((reply) => JSON.stringify(reply.card)).join('\n');
    expect(note).toContain('He shouted at the intern');
    expect(note).not.toMatch(ANY_HIDDEN);
  });
});
