import { randomUUID } from 'node:crypto';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { withoutInvisibleCharacters } from '../../src/shared/invisibleCharacters';
import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { CASE_CODE, openConsent, sendRequestValue } from '../support/handoffRequests';
import { storedRowCounts } from '../support/storedRows';
import { BOT_ID, cardSubmitActivity, installActivity, messageActivity, teamsUser } from '../support/teamsActivities';
import { postToBot } from '../support/postToBot';

/**
 * An attacker's pass over what a Teams client controls in an activity: the same button pressed
 * twice at once, odd activity shapes and hostile characters. Each either changes nothing or is
 * answered once, and nothing is lost.
 */

describe.each(['sqlite', 'azure-tables'] as const)('"Send request" pressed twice at once (a double click: two activities, two ids), on %s', (storage) => {
  const femke = teamsUser('Femke Visser', 'nl-NL');
  let azurite: RunningAzurite | undefined;
  /** SQLite runs as one instance; Azure Tables as two, each getting one of the clicks, as behind Teams' load balancing. */
  let instances: RunningBot[] = [];

  beforeAll(async () => {
    let environment: Record<string, string> = { LOCAL_ADVISORS: `${femke.aadObjectId}:Femke Visser` };
    if (storage === 'azure-tables') {
      azurite = await startAzurite();
      environment = {
        ...environment,
        STORAGE: 'azure-tables',
        AZURE_TABLES_CONNECTION_STRING: azurite.connectionString,
        AZURE_TABLES_PREFIX: `d${randomUUID().replace(/-/g, '').slice(0, 10)}`,
        PERSON_KEY_SECRET: 'a-shared-person-key-secret-for-both-instances-0123456789',
      };
    }
    // The outbox is run by hand, so what it sends is counted once it has run.
    const first = await startBot(environment, { runBackgroundWork: false });
    instances = storage === 'sqlite' ? [first, first] : [first, { ...(await startBot(environment, { runBackgroundWork: false })), connector: first.connector }];
    await new Conversation(first, femke).installs();
  });
  afterAll(async () => {
    for (const instance of new Set(instances.map((bot) => bot.app))) await instances.find((bot) => bot.app === instance)!.stop();
    await azurite?.stop();
  });

  it('creates one case, shows one code and notifies the adviser once', async () => {
    const [bot, other] = instances as [RunningBot, RunningBot];
    const person = teamsUser('Daan Dubbelklik', 'en-GB');
    const { consent, sendRequest } = await openConsent(bot, person);
    const value = sendRequestValue(sendRequest);
    const clicks = [cardSubmitActivity(person, bot.connector.url, value, consent.id), cardSubmitActivity(person, bot.connector.url, value, consent.id)];
    expect(clicks[0]!.id).not.toBe(clicks[1]!.id);

    const responses = await Promise.all([postToBot(bot, clicks[0]), postToBot(other, clicks[1])]);
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    const codes = clicks.flatMap((click) => bot.connector.repliesTo(click.id).map((reply) => CASE_CODE.exec(JSON.stringify(reply.activity))?.[0]));
    expect(codes).toHaveLength(2);
    expect(new Set(codes).size).toBe(1);

    const personKey = bot.app.services.personKeys.keyFor(person.aadObjectId);
    const cases = (await bot.app.store.listPartition<{ requester: { personKey: string } }>('cases', 'case')).filter(
      (stored) => stored.value.requester.personKey === personKey,
    );
    expect(cases).toHaveLength(1);
    await bot.app.outbox.runDueJobs();
    const adviserCards = bot.connector.calls.filter(
      (call) => call.conversationId === femke.conversationId && call.method === 'POST' && /VK-[A-Z0-9]{4}-[A-Z0-9]{4}/.test(JSON.stringify(call.activity)),
    );
    expect(adviserCards).toHaveLength(1);
  });
});

describe('characters nobody sees, typed or pasted into a message', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  // Text pasted from a document or a web page carries soft hyphens and zero-width characters; a
  // Teams client can send any of them. Inside a word they must not hide what the word says.
  it.each([
    ['a zero-width space', '\u200B'],
    ['a soft hyphen', '\u00AD'],
    ['a word joiner', '\u2060'],
    ['a byte order mark', '\uFEFF'],
    ['a left-to-right mark', '\u200E'],
    ['a zero-width joiner', '\u200D'],
    ['a right-to-left override and its end', '\u202E\u202C'],
    ['a NUL', '\u0000'],
  ])('still shows the emergency card first when %s sits inside the words of danger', async (_kind, hidden) => {
    const conversation = new Conversation(bot, teamsUser('Pasted Words', 'en-GB'));
    const replies = await conversation.says(`I want to k${hidden}ill my${hidden}self`);
    expect(cardText(replies[0])).toContain('Safety first');
  });

  it('keeps what changes how text looks: joiners in emoji and in other scripts, tabs and line breaks', () => {
    for (const text of ['👩\u200D⚕️ helped me', 'मित्र\u200D', 'first line\n\tsecond line']) expect(withoutInvisibleCharacters(text)).toBe(text);
    expect(withoutInvisibleCharacters('k\u200Dill \u202Eevil\u202C')).toBe('kill evil');
  });

  it('answers a message of unpaired surrogates, NULs and bidi controls with a card, not an apology', async () => {
    const conversation = new Conversation(bot, teamsUser('Broken Text', 'en-GB'));
    const replies = await conversation.says('\uD800 what \u0000 should \u202E I do \uDFFF');
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.map((reply) => cardText(reply)).join('\n')).not.toContain(bot.app.services.content.strings.en['notice.error.title']);
  });
});

describe('activity shapes Teams does not send, from a client that can', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  const apologyTitle = () => bot.app.services.content.strings.en['notice.error.title'];

  async function answersOf(activity: { id?: string; [field: string]: unknown }): Promise<{ status: number; text: string; calls: number }> {
    const response = await postToBot(bot, activity);
    const replies = bot.connector.repliesTo(activity.id ?? '');
    return { status: response.status, text: replies.map((call) => cardText({ card: call.activity.attachments?.[0]?.content })).join('\n'), calls: replies.length };
  }

  // Each of these made the turn fail and then its apology too (a number where the connector
  // wants a string), so the person got nothing; and an activity without an identity shared one
  // person key ("anonymous", or that of an empty id) with every other such activity.
  it.each([
    ['no id (a re-sent confirmation is recognised by its id, so every id-less one would be the same)', { id: undefined }],
    ['no from', { from: undefined }],
    ['an empty from', { from: {} }],
    ['an empty from.id and aadObjectId', { from: { id: '', aadObjectId: '' } }],
    // Each id Teams always fills, empty on its own: a shape that took any string for an id passed the rows around it.
    ['an empty activity id', { id: '' }],
    ['an empty from.id beside a real aadObjectId', { from: { id: '', aadObjectId: '8f1c2d3e-0000-4000-8000-000000000001', name: 'Empty Ids' } }],
    ['an empty recipient id', { recipient: { id: '', name: 'Bot' } }],
    ['a number as from.id', { from: { id: 5 } }],
    ['an object as aadObjectId', { from: { id: '29:1abc', aadObjectId: { a: 1 } } }],
    ['a number as the name', { from: { id: '29:1abc', aadObjectId: '8f1c2d3e-0000-4000-8000-000000000001', name: 42 } }],
    ['an empty conversation id', { conversation: { id: '', conversationType: 'personal' } }],
    ['no recipient', { recipient: undefined }],
    ['a number as locale', { locale: 42 }],
    ['an object as text', { text: { toString: 'help' } }],
  ])('an activity with %s is refused with 400, before anything runs or is stored', async (_kind, change) => {
    const person = teamsUser('Shapeless Sender', 'en-GB');
    const activity = { ...messageActivity(person, bot.connector.url, 'talk'), ...change };
    const rowsBefore = JSON.stringify(storedRowCounts(bot));
    const logsBefore = bot.logs.length;
    const callsBefore = bot.connector.calls.length;
    const answer = await answersOf(activity);
    expect(answer.status).toBe(400);
    expect(answer.calls).toBe(0);
    expect(bot.connector.calls.length).toBe(callsBefore);
    expect(JSON.stringify(storedRowCounts(bot))).toBe(rowsBefore);
    // The log names the refused fields (never their values), so a change in what Teams sends shows.
    const refusal = bot.logs.slice(logsBefore).map((line) => JSON.parse(line) as { event?: string; fields?: string[] }).find((entry) => entry.event === 'activityRefused');
    expect(refusal?.fields?.[0]).toMatch(new RegExp(`^${Object.keys(change)[0]}`));
  });

  it('the same message with its ids is answered (the control)', async () => {
    const activity = messageActivity(teamsUser('Shapeless Sender', 'en-GB'), bot.connector.url, 'talk');
    const answer = await answersOf(activity);
    expect(answer.status).toBe(200);
    expect(answer.calls).toBeGreaterThan(0);
  });

  it('a conversationUpdate adding 5,000 members, the bot among them, in a personal chat: one welcome, one stored chat address', async () => {
    const person = teamsUser('Mass Add', 'en-GB');
    const members = Array.from({ length: 5_000 }, (_unused, index) => ({ id: `29:member-${index}`, name: `Member ${index}` }));
    const activity = { ...installActivity(person, bot.connector.url), membersAdded: [...members, { id: BOT_ID }] };
    const before = bot.connector.calls.length;
    const answer = await answersOf(activity);
    expect(answer.status).toBe(200);
    expect(answer.calls).toBe(1);
    // Nothing is looked up per member: one welcome is the only call the bot made.
    expect(bot.connector.calls.length - before).toBe(1);
  });

  it('a conversationUpdate adding 5,000 members without the bot: no call, no row', async () => {
    const person = teamsUser('Mass Add Without Bot', 'en-GB');
    const members = Array.from({ length: 5_000 }, (_unused, index) => ({ id: `29:member-${index}` }));
    const rowsBefore = JSON.stringify(storedRowCounts(bot));
    const before = bot.connector.calls.length;
    const answer = await answersOf({ ...installActivity(person, bot.connector.url), membersAdded: members });
    expect(answer.status).toBe(200);
    expect(bot.connector.calls.length).toBe(before);
    expect(JSON.stringify(storedRowCounts(bot))).toBe(rowsBefore);
  });

  it('a typed message that also carries attachments and a value without a verb is answered as the text it holds', async () => {
    const person = teamsUser('Attached Value', 'en-GB');
    const activity = {
      ...messageActivity(person, bot.connector.url, 'help'),
      value: { caseId: 'f'.repeat(32), items: Array.from({ length: 10_000 }, (_unused, index) => index) },
      attachments: [{ contentType: 'text/html', content: '<img src="https://evil.example/pixel">' }],
    };
    const answer = await answersOf(activity);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('What fits you best?');
    expect(answer.text).not.toContain('evil.example');
  });

  it('card data nested 10,000 levels deep, or a list of 10,000 verbs, gets the expired-card notice', async () => {
    const person = teamsUser('Deep Value', 'en-GB');
    const expired = bot.app.services.content.strings.en['notice.expired.text'];
    // Written as JSON text: JSON.stringify itself cannot go that deep.
    const deep = `${'{"inner":'.repeat(10_000)}"bottom"${'}'.repeat(10_000)}`;
    const withDeepFlow = cardSubmitActivity(person, bot.connector.url, { verb: 'handoff.confirm', flow: 'DEEP' });
    const withManyVerbs = cardSubmitActivity(person, bot.connector.url, { verb: Array.from({ length: 10_000 }, () => 'handoff.confirm') });
    for (const [activity, body] of [
      [withDeepFlow, JSON.stringify(withDeepFlow).replace('"DEEP"', deep)],
      [withManyVerbs, JSON.stringify(withManyVerbs)],
    ] as const) {
      expect((await postToBot(bot, body)).status).toBe(200);
      const text = bot.connector.repliesTo(activity.id).map((call) => cardText({ card: call.activity.attachments?.[0]?.content })).join('\n');
      expect(text).not.toContain(apologyTitle());
      expect(text).toContain(expired);
    }
  });
});
