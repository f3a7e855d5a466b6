import type { HandoffCase } from '../../src/handoff/handoffCase';
import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation, type Card } from '../support/conversation';
import { requestAdviser, requestAnonymously } from '../support/handoffRequests';
import { sqliteRowsText } from '../support/storedRows';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';
import { withoutInvisibleCharacters } from '../../src/shared/invisibleCharacters';

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
    const message = 'My supervisor comments on my body';
    const { caseId } = await requestAdviser(bot, requester, { mode: 'named', message: spoiled(message) });

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

describe('each kind of character nobody sees', () => {
  const KINDS: ReadonlyArray<readonly [kind: string, characters: string]> = [
    ['C0 and C1 control characters and DEL', '\u0000\u0007\u001B\u007F\u0085\u009F'],
    ['soft hyphen', '\u00AD'],
    ['combining grapheme joiner', '\u034F'],
    ['bidi marks, embeddings, overrides and isolates', '\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069'],
    ['Hangul choseong and jungseong fillers', '\u115F\u1160'],
    ['Hangul filler and halfwidth Hangul filler', '\u3164\uFFA0'],
    ['Khmer inherent vowels', '\u17B4\u17B5'],
    ['Mongolian variation selectors and vowel separator', '\u180B\u180C\u180D\u180E\u180F'],
    ['zero-width space', '\u200B'],
    ['word joiner, invisible operators and deprecated format characters', '\u2060\u2061\u2062\u2063\u2064\u2065\u206A\u206F'],
    ['braille pattern blank', '\u2800'],
    ['variation selectors 1-14', '\uFE00\uFE07\uFE0D'],
    ['emoji and text presentation selectors with nothing to present', '\uFE0E\uFE0F'],
    ['zero-width no-break space (byte order mark)', '\uFEFF'],
    ['unassigned specials and interlinear annotation', '\uFFF0\uFFF8\uFFF9\uFFFA\uFFFB'],
    ['shorthand format controls', '\u{1BCA0}\u{1BCA3}'],
    ['musical symbol format controls', '\u{1D173}\u{1D17A}'],
    ['tag characters (hidden ASCII)', '\u{E0001}\u{E0020}\u{E0041}\u{E0069}\u{E007F}'],
    ['variation selectors 17-256 and the rest of plane 14', '\u{E0100}\u{E01EF}\u{E0FFF}'],
    ['zero-width (non-)joiners with nothing to join, or between Latin letters', '\u200C\u200D'],
  ];

  it.each(KINDS)('takes out %s, alone and inside a word', (_kind, characters) => {
    expect(withoutInvisibleCharacters(characters).trim()).toBe('');
    const inside = [...characters].map((character) => `k${character}ill`).join(' ');
    expect(withoutInvisibleCharacters(inside)).toBe([...characters].map(() => 'kill').join(' '));
  });

  it('keeps what changes how text looks: joiners in emoji and other scripts, presentation selectors after emoji, tabs and line breaks', () => {
    for (const text of ['👩\u200D⚕️ helped me', 'मित्र\u200D', '❤️ thanks', '1️⃣ first', 'first line\n\tsecond line']) expect(withoutInvisibleCharacters(text)).toBe(text);
  });
});

describe('words added to an open request', () => {
  it('adds nothing for a message of fillers, blank braille and tag characters alone', async () => {
    const ivo = new Conversation(bot, teamsUser('Ivo Leeg', 'en-GB'));
    const send = { verb: 'handoff.confirm', flow: {}, mode: 'anonymous', urgent: 'false' };
    const first = await ivo.submits({ ...send, message: 'Hello' });
    const caseId = allActions(first.at(-1)!.card!).find((action) => action.data?.caseId)!.data.caseId as string;
    const again = await ivo.submits({ ...send, message: '\u3164\u2800\u{E0041}\u{E0042}\u115F\uFFA0' });
    expect(cardText(again.at(-1))).not.toContain('was added');
    expect((await storedCase(caseId))?.addedMessages ?? []).toEqual([]);
  });

  it('stores an unpaired surrogate as U+FFFD, one character, not as six', async () => {
    const sam = new Conversation(bot, teamsUser('Sam Surrogaat', 'en-GB'));
    const send = { verb: 'handoff.confirm', flow: {}, mode: 'anonymous', urgent: 'false' };
    const first = await sam.submits({ ...send, message: 'Hello' });
    const caseId = allActions(first.at(-1)!.card!).find((action) => action.data?.caseId)!.data.caseId as string;
    await sam.submits({ ...send, message: `broken ${'\uD800'.repeat(3)} text \uDFFF` });
    const stored = await storedCase(caseId);
    expect(stored?.addedMessages?.map((added) => added.text)).toEqual(['broken \uFFFD\uFFFD\uFFFD text \uFFFD']);
    expect(JSON.stringify(stored)).not.toMatch(/\\ud[89a-f]/i);
  });
});
