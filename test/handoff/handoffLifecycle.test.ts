import type { HandoffCase } from '../../src/handoff/handoffCase';
import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation, type BotReply, type Card } from '../support/conversation';
import { staticGraphCredential } from '../support/graphCredential';
import { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { requestAdviser, type AdviserRequest } from '../support/handoffRequests';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * A handoff's whole life, written as conversations: a named request over Graph from consent
 * to close, revealing a name, the requester ending the conversation, the expected response
 * time around office hours, escalation and expiry on the test clock, a stranger refreshing a
 * case card, and one adviser answering two anonymous requesters.
 */

interface Request {
  readonly caseId: string;
  readonly code: string;
  readonly confirmation: BotReply;
}

/** Asks for an adviser the way a person does, with the command in their Teams language. */
async function requestAdvice(bot: RunningBot, person: TeamsUser, request: AdviserRequest): Promise<Request> {
  const requested = await requestAdviser(bot, person, { asks: person.locale.startsWith('nl') ? 'vertrouwenspersoon' : 'talk', ...request });
  expect(requested.caseId).toMatch(/^[0-9a-f]{32}$/);
  return requested;
}

function localAdvisors(...advisors: TeamsUser[]): string {
  return advisors.map((advisor) => `${advisor.aadObjectId}:${advisor.name}`).join(';');
}

/** A bot on a test clock whose local advisers have each installed it, so their cards can reach them. */
async function startBotWithAdvisors(clock: TestClock, advisors: TeamsUser[], environment: Record<string, string> = {}): Promise<RunningBot> {
  const bot = await startBot({ LOCAL_ADVISORS: localAdvisors(...advisors), ...environment }, { clock, runBackgroundWork: false });
  for (const advisor of advisors) await new Conversation(bot, advisor).installs();
  return bot;
}

/** The buttons an adviser can press on a case card (the card's own refresh action is not one). */
function verbs(card: Card | undefined): string[] {
  return ((card?.actions ?? []) as Card[]).filter((action) => action.type === 'Action.Execute').map((action) => action.verb);
}

/** Card updates (PUT) the bot made in one person's chat since a given connector call. */
function cardUpdatesFor(bot: RunningBot, person: TeamsUser, since = 0): Card[] {
  return bot.connector.calls
    .slice(since)
    .filter((call) => call.method === 'PUT' && call.conversationId === person.conversationId)
    .map((call) => call.activity.attachments[0].content);
}

/** Everything the bot ever sent into one person's chat, replies and updates included, as JSON. */
function everythingSentTo(bot: RunningBot, person: TeamsUser): string {
  return JSON.stringify(bot.connector.calls.filter((call) => call.conversationId === person.conversationId).map((call) => call.activity));
}

async function ownCase(bot: RunningBot, person: TeamsUser, caseId: string): Promise<HandoffCase> {
  const found = await bot.app.handoff.findOwnCase(bot.app.services.personKeys.keyFor(person.aadObjectId), caseId);
  if (found.outcome !== 'found') throw new Error('the requester has no such case');
  return found.handoffCase;
}

async function advisorView(bot: RunningBot, advisor: TeamsUser, caseId: string): Promise<HandoffCase> {
  const view = await bot.app.handoff.viewAsAdvisor(caseId, advisor.aadObjectId);
  if (view.outcome !== 'ok') throw new Error(`the adviser cannot view the case: ${view.outcome}`);
  return view.handoffCase;
}

describe('a named request over Microsoft Graph, from consent to a close with an outcome', () => {
  const GRAPH_TOKEN = 'graph-token-for-lifecycle-tests';
  const annelies = teamsUser('Annelies Verhoeven', 'nl-NL');
  const ruud = teamsUser('Ruud Jacobs', 'nl-NL');
  const sanne = teamsUser('Sanne Willemsen', 'en-GB');
  const clock = new TestClock('2026-11-24T09:30:00Z'); // Tuesday, 10:30 in Amsterdam
  let graph: LocalGraph;
  let bot: RunningBot;
  let caseId = '';
  let code = '';

  beforeAll(async () => {
    graph = await LocalGraph.start({ acceptedToken: GRAPH_TOKEN });
    graph.seedGroup('lifecycle-advisors', [
      { id: annelies.aadObjectId, displayName: annelies.name, mail: annelies.email },
      { id: ruud.aadObjectId, displayName: ruud.name, mail: ruud.email },
    ]);
    bot = await startBot(
      {
        ADVISOR_GROUP_ID: 'lifecycle-advisors',
        ...graph.botSettings(),
      },
      { clock, runBackgroundWork: false, graphCredential: staticGraphCredential(GRAPH_TOKEN) },
    );
    for (const advisor of [annelies, ruud]) await new Conversation(bot, advisor).installs();
  });
  afterAll(async () => {
    await bot.stop();
    await graph.stop();
  });

  it('shows consent, then confirms a named request with a case code', async () => {
    const [consent] = await new Conversation(bot, sanne).says('talk');
    expect(cardText(consent)).toContain('If you choose named: your name, so the adviser can contact you in Teams');
    let confirmation: BotReply;
    ({ caseId, code, confirmation } = await requestAdvice(bot, sanne, { mode: 'named', message: 'My team lead shouts at me during handovers' }));
    const text = cardText(confirmation);
    expect(text).toContain('Your request has been sent');
    expect(text).toContain('Named');
    expect(text).toContain('The adviser will contact you in Teams.');
    expect((await ownCase(bot, sanne, caseId)).status).toBe('requested');
  });

  it('notifies the advisers through Graph once, and their cards show the requester by name', async () => {
    await bot.app.outbox.runDueJobs();
    const notifications = graph.deliveredNotifications().filter((notification) => notification.templateParameters.caseCode === code);
    expect(notifications).toHaveLength(1);
    expect(notifications[0].activityType).toBe('newCase');
    expect(notifications[0].recipientUserIds.sort()).toEqual([annelies.aadObjectId, ruud.aadObjectId].sort());
    expect(graph.calls.length).toBeGreaterThan(0);
    expect(graph.calls.every((call) => call.headers.authorization === `Bearer ${GRAPH_TOKEN}`)).toBe(true);
    for (const advisor of [annelies, ruud]) {
      const [card] = new Conversation(bot, advisor).proactiveCards();
      expect(cardText({ card })).toContain('Aanvraag · Vertrouwenspersonen');
      expect(cardText({ card })).toContain(code);
      expect(cardText({ card })).toContain('Sanne Willemsen');
      expect(cardText({ card })).toContain('Met naam');
      expect(cardText({ card })).toContain('My team lead shouts at me during handovers');
      expect(verbs(card)).toEqual(['case.claim']);
    }
    expect((await ownCase(bot, sanne, caseId)).status).toBe('notified');
  });

  it('lets an adviser claim it; a named case offers Close and no relayed reply', async () => {
    const card = await new Conversation(bot, annelies).executes('case.claim', { caseId });
    expect(cardText({ card })).toContain('Opgepakt door Annelies Verhoeven');
    // Hand over and give back: test/handoff/handOver.test.ts.
    expect(verbs(card)).toEqual(['case.close', 'case.handOver', 'case.release']);
    const stored = await advisorView(bot, annelies, caseId);
    expect(stored.status).toBe('claimed');
    expect(stored.claimedBy).toEqual({ userId: annelies.aadObjectId, displayName: 'Annelies Verhoeven' });
    expect(await advisorView(bot, ruud, caseId)).toMatchObject({ status: 'claimed', message: null, requester: { personKey: '' } });
  });

  it('tells the requester the adviser\'s name, with an "open chat" Teams deep link', async () => {
    await bot.app.outbox.runDueJobs();
    const update = new Conversation(bot, sanne).proactiveCards().at(-1)!;
    const text = cardText({ card: update });
    expect(text).toContain(`Annelies Verhoeven has taken your request ${code} and will contact you in Teams.`);
    expect(text).toContain('An adviser is helping you');
    const chatLink = allActions(update).find((action) => action.type === 'Action.OpenUrl')!;
    expect(chatLink.title).toBe('Chat with Annelies Verhoeven');
    expect(chatLink.url).toBe(`https://teams.microsoft.com/l/chat/0/0?users=${annelies.aadObjectId}`);
    expect(allActions(update).map((action) => action.title)).toContain('End conversation');
    // A named case has no "show my name" button: the adviser already sees it.
    expect(allActions(update).map((action) => action.data?.verb)).not.toContain('handoff.reveal');
  });

  it('asks for an outcome before closing, and changes nothing without one', async () => {
    const card = await new Conversation(bot, annelies).executes('case.close', { caseId, outcome: '', followUp: 'false' });
    expect(cardText({ card })).toContain('Kies een uitkomst voordat je afsluit.');
    expect(verbs(card)).toEqual(['case.close', 'case.handOver', 'case.release']);
    expect((await advisorView(bot, annelies, caseId)).status).toBe('claimed');
  });

  it('closes with the outcome category; the requester is told and the advisers\' cards show it closed', async () => {
    const before = bot.connector.calls.length;
    const card = await new Conversation(bot, annelies).executes('case.close', { caseId, outcome: 'referred', followUp: 'false' });
    expect(cardText({ card })).toContain('Afgesloten');
    expect(cardText({ card })).toContain(`${code} is afgesloten. Dank je.`);
    expect(verbs(card)).toEqual([]);
    const stored = await advisorView(bot, annelies, caseId);
    expect(stored).toMatchObject({ status: 'closed', closedBy: 'advisor', outcome: 'referred', followUpOn: null, closedAt: clock.now().toISOString() });

    await bot.app.outbox.runDueJobs();
    const closed = new Conversation(bot, sanne).proactiveCards().at(-1)!;
    expect(cardText({ card: closed })).toContain(`Your conversation ${code} has been closed. You can always ask again.`);
    expect(cardText({ card: closed })).toContain('Closed');
    expect(allActions(closed).map((action) => action.title)).not.toContain('End conversation');
    for (const advisor of [annelies, ruud]) {
      const [refreshed] = cardUpdatesFor(bot, advisor, before);
      expect(cardText({ card: refreshed })).toContain(advisor === annelies ? 'Afgesloten' : 'Opgepakt door een collega');
      expect(verbs(refreshed)).toEqual([]);
    }
    // The other adviser opening the card later sees the same.
    const refreshed = await new Conversation(bot, ruud).executes('case.refresh', { caseId });
    expect(cardText({ card: refreshed })).toContain('Opgepakt door een collega');
    expect(verbs(refreshed)).toEqual([]);
  });

  it('sends nothing more through Graph: claiming and closing are Teams messages, not feed notifications or mail', async () => {
    expect(graph.deliveredNotifications().filter((notification) => notification.templateParameters.caseCode === code)).toHaveLength(1);
    expect(graph.deliveredMails()).toEqual([]);
    expect(await bot.app.outbox.pendingJobs()).toEqual([]);
  });
});

describe('an anonymous requester who decides to show their name', () => {
  const wendy = teamsUser('Wendy Koster', 'nl-NL');
  const thijs = teamsUser('Thijs de Graaf', 'nl-NL');
  const hanna = teamsUser('Hanna Vermeulen', 'en-GB');
  const clock = new TestClock('2026-11-24T10:00:00Z');
  let bot: RunningBot;
  let caseId = '';
  let code = '';

  beforeAll(async () => {
    bot = await startBotWithAdvisors(clock, [wendy, thijs]);
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('keeps the name from the advisers while the request is anonymous, also after a claim', async () => {
    ({ caseId, code } = await requestAdvice(bot, hanna, { mode: 'anonymous', message: 'A surgeon keeps making remarks about my accent' }));
    await bot.app.outbox.runDueJobs();
    const claimed = await new Conversation(bot, wendy).executes('case.claim', { caseId });
    expect(cardText({ card: claimed })).toContain('Anoniem (alleen zaakcode)');
    expect(JSON.stringify(claimed)).not.toContain('Hanna');
    await bot.app.outbox.runDueJobs();
    for (const advisor of [wendy, thijs]) {
      const sent = everythingSentTo(bot, advisor);
      expect(sent).toContain(code);
      expect(sent).not.toContain('Hanna');
      expect(sent).not.toContain('Vermeulen');
    }
    const stored = await advisorView(bot, wendy, caseId);
    expect(stored.mode).toBe('anonymous');
    expect(stored.requester).toEqual({ personKey: bot.app.services.personKeys.keyFor(hanna.aadObjectId) });
  });

  it('shows the name to the advisers once the requester presses the reveal button on their status card', async () => {
    const update = new Conversation(bot, hanna).proactiveCards().at(-1)!;
    expect(cardText({ card: update })).toContain(`An adviser has joined your request ${code}`);
    const reveal = allActions(update).find((action) => action.title === 'Show my name to the adviser')!;
    expect(reveal.data).toEqual({ verb: 'handoff.reveal', caseId });

    const before = bot.connector.calls.length;
    const [answer] = await new Conversation(bot, hanna).submits(reveal.data);
    expect(cardText(answer)).toContain('The adviser can now see your name.');

    const stored = await advisorView(bot, wendy, caseId);
    expect(stored.mode).toBe('named');
    expect(stored.requester).toMatchObject({ userId: hanna.aadObjectId, displayName: 'Hanna Vermeulen' });
    expect(stored.status).toBe('claimed');

    await bot.app.outbox.runDueJobs();
    // The claiming adviser is told, by name; the other adviser only sees the refreshed card.
    const notice = new Conversation(bot, wendy).proactiveCards().at(-1);
    expect(cardText({ card: notice })).toContain(`De aanvrager van ${code} heeft ervoor gekozen de eigen naam te tonen: Hanna Vermeulen.`);
    expect(JSON.stringify(new Conversation(bot, thijs).proactiveCards())).not.toContain('Hanna');
    const [refreshedForClaimer] = cardUpdatesFor(bot, wendy, before);
    expect(cardText({ card: refreshedForClaimer })).toContain('Hanna Vermeulen');
    expect(cardText({ card: refreshedForClaimer })).toContain('Met naam');
    expect(cardText({ card: refreshedForClaimer })).not.toContain('Anoniem (alleen zaakcode)');
    // The other adviser's card stays "taken by a colleague": the name is the claimer's to see.
    const [refreshedForColleague] = cardUpdatesFor(bot, thijs, before);
    expect(cardText({ card: refreshedForColleague })).toContain('Opgepakt door een collega');
    expect(JSON.stringify(refreshedForColleague)).not.toContain('Hanna');
    const opened = await new Conversation(bot, wendy).executes('case.refresh', { caseId });
    expect(cardText({ card: opened })).toContain('Hanna Vermeulen');
  });

  it('keeps the conversation in this chat after the name is shown, both ways', async () => {
    const [status] = await new Conversation(bot, hanna).says('status');
    expect(cardText(status)).toContain('You talk with them in this chat');
    expect(cardText(status)).not.toContain('will contact you in Teams');
    const [receipt] = await new Conversation(bot, hanna).says('Can we talk about the night shift roster please');
    expect(cardText(receipt)).toContain(`Sent to your adviser (${code})`);
    await bot.app.outbox.runDueJobs();
    expect(cardText({ card: new Conversation(bot, wendy).proactiveCards().at(-1) })).toContain('night shift roster');
    const opened = await new Conversation(bot, wendy).executes('case.refresh', { caseId });
    expect(verbs(opened)).toContain('case.reply');
    await new Conversation(bot, wendy).executes('case.reply', { caseId, reply: 'Yes, tomorrow at ten works for me' });
    await bot.app.outbox.runDueJobs();
    expect(everythingSentTo(bot, hanna)).toContain('tomorrow at ten');
  });

  it('no longer offers the reveal button, and a second press changes nothing', async () => {
    const conversation = new Conversation(bot, hanna);
    const [status] = await conversation.says('status');
    expect(cardText(status)).toContain('Named');
    expect(allActions(status.card!).map((action) => action.data?.verb)).not.toContain('handoff.reveal');
    const before = await advisorView(bot, wendy, caseId);
    const [again] = await conversation.submits({ verb: 'handoff.reveal', caseId });
    expect(cardText(again)).not.toContain('The adviser can now see your name.');
    expect(cardText(again)).toContain(code);
    await bot.app.outbox.runDueJobs();
    expect(await advisorView(bot, wendy, caseId)).toEqual(before);
    expect(new Conversation(bot, wendy).proactiveCards().filter((card) => cardText({ card }).includes('de eigen naam te tonen'))).toHaveLength(1);
  });
});

describe('a requester who ends a claimed conversation themselves', () => {
  const gerda = teamsUser('Gerda Scholten', 'nl-NL');
  const vincent = teamsUser('Vincent Brouwer', 'nl-NL');
  const rachid = teamsUser('Rachid Benali', 'nl-NL');
  const clock = new TestClock('2026-11-25T12:00:00Z');
  let bot: RunningBot;
  let caseId = '';
  let code = '';

  beforeAll(async () => {
    bot = await startBotWithAdvisors(clock, [gerda, vincent]);
    ({ caseId, code } = await requestAdvice(bot, rachid, { mode: 'anonymous', message: 'Mijn collega deelt foto\'s van mij in een appgroep' }));
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, gerda).executes('case.claim', { caseId });
    await bot.app.outbox.runDueJobs();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('offers "end conversation" instead of "cancel" once an adviser has joined', async () => {
    const [status] = await new Conversation(bot, rachid).says('status');
    const titles = allActions(status.card!).map((action) => action.title);
    expect(titles).toContain('Gesprek beëindigen');
    expect(titles).not.toContain('Aanvraag annuleren');
  });

  it('closes the case, and tells the claiming adviser only', async () => {
    const before = bot.connector.calls.length;
    const conversation = new Conversation(bot, rachid);
    await conversation.says('status');
    const [closed] = await conversation.clicks('Gesprek beëindigen');
    expect(cardText(closed)).toContain(`Je gesprek ${code} is afgesloten. Je kunt altijd opnieuw een aanvraag doen.`);
    expect(cardText(closed)).toContain('Afgesloten');

    const stored = await ownCase(bot, rachid, caseId);
    expect(stored).toMatchObject({ status: 'closed', closedBy: 'requester', outcome: null, closedAt: clock.now().toISOString() });

    await bot.app.outbox.runDueJobs();
    const notice = new Conversation(bot, gerda).proactiveCards().at(-1);
    expect(cardText({ card: notice })).toContain(`De aanvrager heeft het gesprek ${code} beëindigd.`);
    expect(new Conversation(bot, vincent).proactiveCards().map((card) => cardText({ card })).join(' ')).not.toContain('beëindigd');
    for (const advisor of [gerda, vincent]) {
      const [refreshed] = cardUpdatesFor(bot, advisor, before);
      expect(cardText({ card: refreshed })).toContain(advisor === gerda ? 'Afgesloten' : 'Opgepakt door een collega');
      // Only the adviser who had the conversation may still record how it ended.
      expect(verbs(refreshed)).toEqual(advisor === gerda ? ['case.close'] : []);
    }
  });

  it('lets the claiming adviser record the outcome afterwards, without telling the requester again', async () => {
    const sentBefore = bot.connector.calls.filter((call) => call.conversationId === rachid.conversationId).length;
    const card = await new Conversation(bot, gerda).executes('case.close', { caseId, outcome: 'advice-given', followUp: 'false' });
    expect(cardText({ card })).toContain(`${code} is afgesloten`);
    expect(await advisorView(bot, gerda, caseId)).toMatchObject({ status: 'closed', closedBy: 'requester', outcome: 'advice-given' });
    await bot.app.outbox.runDueJobs();
    expect(bot.connector.calls.filter((call) => call.conversationId === rachid.conversationId)).toHaveLength(sentBefore);
    const again = await new Conversation(bot, gerda).executes('case.close', { caseId, outcome: 'referred', followUp: 'false' });
    expect(cardText({ card: again })).toContain('Deze aanvraag is niet meer open');
    expect((await advisorView(bot, gerda, caseId)).outcome).toBe('advice-given');
  });

  it('relays nothing more in either direction', async () => {
    const [answer] = await new Conversation(bot, rachid).says('Ik wil toch nog iets vragen over die foto\'s');
    expect(cardText(answer)).not.toContain(`Verstuurd naar je vertrouwenspersoon (${code})`);
    await new Conversation(bot, gerda).executes('case.reply', { caseId, reply: 'Wil je nog een keer langskomen?' });
    await bot.app.outbox.runDueJobs();
    expect(everythingSentTo(bot, rachid)).not.toContain('langskomen');
    expect(everythingSentTo(bot, gerda)).not.toContain('iets vragen over die foto');
    expect((await ownCase(bot, rachid, caseId)).status).toBe('closed');
  });
});

describe('the expected response time around office hours (08:30-17:00 Amsterdam, Monday to Friday)', () => {
  const OFFICE_HOURS_EN = 'During office hours (08:30-17:00 on working days) you can expect an answer from the confidential advisers within a few hours.';
  const OUTSIDE_HOURS_EN =
    'It is outside office hours now (08:30-17:00 on working days), so expect an answer from the confidential advisers on the next working day. If it cannot wait, call the numbers below.';
  const URGENT_EN =
    'You marked it urgent: it is flagged as urgent, and if nobody has taken it within 15 minutes it also goes to the backup advisers (otherwise after 60 minutes).';
  const OFFICE_HOURS_NL = 'Tijdens kantooruren (08:30-17:00 op werkdagen) kun je binnen een paar uur een reactie verwachten van de vertrouwenspersonen.';
  const OUTSIDE_HOURS_NL =
    'Het is nu buiten kantooruren (08:30-17:00 op werkdagen), dus je kunt op de volgende werkdag een reactie verwachten van de vertrouwenspersonen. Kan het niet wachten, bel dan de nummers hieronder.';

  const advisor = teamsUser('Jolanda Peeters', 'nl-NL');
  const clock = new TestClock('2026-11-27T15:59:00Z'); // Friday, 16:59 in Amsterdam (CET)
  let bot: RunningBot;

  beforeAll(async () => {
    bot = await startBot({ LOCAL_ADVISORS: localAdvisors(advisor) }, { clock, runBackgroundWork: false });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('on a Friday one minute before closing time, promises a response within office hours', async () => {
    const { confirmation } = await requestAdvice(bot, teamsUser('Femke de Ruiter', 'en-GB'), { mode: 'anonymous' });
    expect(cardText(confirmation)).toContain(OFFICE_HOURS_EN);
    expect(cardText(confirmation)).not.toContain('outside office hours');
  });

  it('at 17:00 on Friday, says it is outside office hours', async () => {
    clock.advanceMinutes(1);
    const { confirmation } = await requestAdvice(bot, teamsUser('Luuk van den Broek', 'nl-NL'), { mode: 'anonymous' });
    expect(cardText(confirmation)).toContain(OUTSIDE_HOURS_NL);
    expect(cardText(confirmation)).not.toContain(OFFICE_HOURS_NL);
  });

  let saturdayRequester: TeamsUser;
  it('on a Saturday night, says it is outside office hours, also for an urgent request, with the emergency numbers', async () => {
    clock.advanceMinutes(29 * 60 + 30); // Saturday 2026-11-28, 22:30 in Amsterdam
    saturdayRequester = teamsUser('Anouk Timmermans', 'en-GB');
    const { confirmation } = await requestAdvice(bot, saturdayRequester, { mode: 'named', message: 'Something happened on the night shift' });
    const text = cardText(confirmation);
    expect(text).toContain(OUTSIDE_HOURS_EN);
    expect(text).not.toContain(OFFICE_HOURS_EN);
    expect(text).toContain('In danger now? Call 112');

    const urgent = await requestAdvice(bot, teamsUser('Milan Dijkman', 'en-GB'), { mode: 'anonymous', urgent: true });
    expect(cardText(urgent.confirmation)).toContain(OUTSIDE_HOURS_EN);
    expect(cardText(urgent.confirmation)).toContain(URGENT_EN);
  });

  it('on a Tuesday morning, promises a response within office hours, and says what marking it urgent changes', async () => {
    clock.advanceMinutes(2 * 24 * 60 + 10 * 60 + 30); // Tuesday 2026-12-01, 09:00 in Amsterdam
    const { confirmation } = await requestAdvice(bot, teamsUser('Bram Kuipers', 'en-GB'), { mode: 'anonymous' });
    expect(cardText(confirmation)).toContain(OFFICE_HOURS_EN);
    expect(cardText(confirmation)).not.toContain('outside office hours');

    const dutch = await requestAdvice(bot, teamsUser('Iris Mertens', 'nl-NL'), { mode: 'named' });
    expect(cardText(dutch.confirmation)).toContain(OFFICE_HOURS_NL);

    const urgent = await requestAdvice(bot, teamsUser('Koen Verbeek', 'en-GB'), { mode: 'anonymous', urgent: true });
    expect(cardText(urgent.confirmation)).toContain(URGENT_EN);
    expect(cardText(urgent.confirmation)).toContain(OFFICE_HOURS_EN);
    expect(cardText(confirmation)).not.toContain('urgent');
  });

  it('answers the Saturday requester\'s status question on Tuesday with the office-hours text', async () => {
    const [status] = await new Conversation(bot, saturdayRequester).says('status');
    expect(cardText(status)).toContain('Waiting for an adviser');
    expect(cardText(status)).toContain(OFFICE_HOURS_EN);
  });
});

describe('a request nobody claims: escalation after ESCALATE_AFTER_MINUTES, expiry after EXPIRE_AFTER_DAYS', () => {
  const marloes = teamsUser('Marloes Dekker', 'nl-NL');
  const gerrit = teamsUser('Gerrit Post', 'nl-NL');
  const lieke = teamsUser('Lieke Smeets', 'en-GB');
  const clock = new TestClock('2026-11-24T09:00:00Z');
  let bot: RunningBot;
  let caseId = '';
  let code = '';
  let createdAt = 0;

  const escalationNotifications = () =>
    bot.logs.filter((line) => line.includes('local.sendActivityNotification') && line.includes('"activityType":"caseEscalated"'));

  beforeAll(async () => {
    bot = await startBotWithAdvisors(clock, [marloes, gerrit], {
      ESCALATE_AFTER_MINUTES: '45',
      ESCALATE_URGENT_AFTER_MINUTES: '10',
      EXPIRE_AFTER_DAYS: '3',
    });
    ({ caseId, code } = await requestAdvice(bot, lieke, { mode: 'anonymous', message: 'I was left out of every rota change since I complained' }));
    createdAt = clock.now().getTime();
    await bot.app.outbox.runDueJobs();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('does not escalate a non-urgent request before the limit, not even past the urgent one', async () => {
    clock.advanceMinutes(44);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    expect(new Conversation(bot, lieke).proactiveCards()).toEqual([]);
    const stored = await ownCase(bot, lieke, caseId);
    expect(stored.escalatedAt).toBeNull();
    expect(stored.status).toBe('notified');
    expect(escalationNotifications()).toHaveLength(0);
  });

  it('escalates at the limit: the requester is told, and the backup pool gets a feed notification', async () => {
    clock.advanceMinutes(1);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    const [notice] = new Conversation(bot, lieke).proactiveCards();
    expect(cardText({ card: notice })).toContain(
      `No adviser has been able to take your request ${code} yet, so it has also gone to the backup advisers. If it cannot wait, call 112.`,
    );
    const stored = await ownCase(bot, lieke, caseId);
    expect(stored.escalatedAt).toBe(clock.now().toISOString());
    expect(stored.status).toBe('notified');

    // Locally the backup pool is the same advisers: they get an activity notification (recorded,
    // not sent) but no second card, as their first card is already in their chat; without
    // e-mail addresses no mail goes out.
    const notifications = escalationNotifications();
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toContain('"recipientCount":2');
    expect(bot.logs.some((line) => line.includes('local.sendMail'))).toBe(false);
    for (const advisor of [marloes, gerrit]) {
      expect(new Conversation(bot, advisor).proactiveCards()).toHaveLength(1);
      // The card already in their chat is updated in place.
      const [updated] = cardUpdatesFor(bot, advisor);
      expect(cardText({ card: updated })).toContain('Wacht op een vertrouwenspersoon (geëscaleerd)');
    }
    const opened = await new Conversation(bot, marloes).executes('case.refresh', { caseId });
    expect(cardText({ card: opened })).toContain('Wacht op een vertrouwenspersoon (geëscaleerd)');
    expect(verbs(opened)).toEqual(['case.claim']);
    expect(await bot.app.outbox.pendingJobs()).toEqual([]);
  });

  it('does not escalate twice', async () => {
    clock.advanceMinutes(30);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    expect(new Conversation(bot, lieke).proactiveCards()).toHaveLength(1);
    expect(escalationNotifications()).toHaveLength(1);
  });

  it('does not expire the request a minute before EXPIRE_AFTER_DAYS', async () => {
    clock.advanceMinutes((createdAt + 3 * 24 * 60 * 60_000 - clock.now().getTime()) / 60_000 - 1);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    expect((await ownCase(bot, lieke, caseId)).status).toBe('notified');
    expect(new Conversation(bot, lieke).proactiveCards()).toHaveLength(1);
  });

  it('expires it at EXPIRE_AFTER_DAYS: the requester is told, and the advisers\' cards say so', async () => {
    const before = bot.connector.calls.length;
    clock.advanceMinutes(1);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    const stored = await ownCase(bot, lieke, caseId);
    expect(stored.status).toBe('expired');
    expect(stored.closedAt).toBe(clock.now().toISOString());
    const notice = new Conversation(bot, lieke).proactiveCards().at(-1);
    expect(cardText({ card: notice })).toContain(
      `Nobody could take your request ${code} in time, so it has been closed. Please contact the confidential advisers directly, or ask again.`,
    );
    for (const advisor of [marloes, gerrit]) {
      const [refreshed] = cardUpdatesFor(bot, advisor, before);
      expect(cardText({ card: refreshed })).toContain('Verlopen: niemand pakte hem op tijd op');
      expect(verbs(refreshed)).toEqual([]);
    }
  });

  it('cannot be claimed once expired, and the requester may ask again', async () => {
    const claimed = await new Conversation(bot, gerrit).executes('case.claim', { caseId });
    expect(cardText({ card: claimed })).toContain('Verlopen');
    expect(verbs(claimed)).toEqual([]);
    expect((await advisorView(bot, gerrit, caseId)).status).toBe('expired');

    const conversation = new Conversation(bot, lieke);
    const [status] = await conversation.says('status');
    expect(cardText(status)).toContain('You have no open request.');
    const [consent] = await conversation.says('talk');
    expect(cardText(consent)).toContain('Talk to a confidential adviser');
    expect(cardText(consent)).not.toContain('You already have an open request');

    // A later sweep leaves the expired request alone.
    clock.advanceDays(1);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    expect(new Conversation(bot, lieke).proactiveCards()).toHaveLength(2);
  });
});

describe('a non-member pressing Refresh on a case card', () => {
  const esther = teamsUser('Esther Wouters', 'nl-NL');
  const stranger = teamsUser('Niels Bosman', 'nl-NL');
  const requester = teamsUser('Chantal Huisman', 'en-GB');
  const clock = new TestClock('2026-11-24T10:00:00Z');
  let bot: RunningBot;

  beforeAll(async () => {
    bot = await startBotWithAdvisors(clock, [esther]);
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('gets the refusal card, which says nothing about the case, the same as for an id that does not exist', async () => {
    const { caseId, code } = await requestAdvice(bot, requester, { mode: 'named', message: 'The ward manager reads my private messages' });
    await bot.app.outbox.runDueJobs();

    const refusal = await new Conversation(bot, stranger).executes('case.refresh', { caseId });
    expect(cardText({ card: refusal })).toContain('Niet beschikbaar');
    expect(cardText({ card: refusal })).toContain('Alleen leden van de groep vertrouwenspersonen kunnen aanvragen openen.');
    const json = JSON.stringify(refusal);
    for (const secret of [code, caseId, 'Chantal', 'ward manager']) expect(json).not.toContain(secret);
    expect(verbs(refusal)).toEqual([]);

    const unknown = await new Conversation(bot, stranger).executes('case.refresh', { caseId: 'f'.repeat(32) });
    expect(refusal).toEqual(unknown);

    // The adviser pressing the same Refresh gets the case, and nothing changed.
    const card = await new Conversation(bot, esther).executes('case.refresh', { caseId });
    expect(cardText({ card })).toContain(code);
    expect(cardText({ card })).toContain('Chantal Huisman');
    expect((await advisorView(bot, esther, caseId)).status).toBe('notified');
    expect(bot.connector.calls.filter((call) => call.conversationId === stranger.conversationId)).toEqual([]);
  });
});

describe('one adviser with two anonymous requests, replying to each', () => {
  const ilse = teamsUser('Ilse van Leeuwen', 'nl-NL');
  const martijn = teamsUser('Martijn Vos', 'nl-NL');
  const sophie = teamsUser('Sophie de Wit', 'en-GB');
  const mehmet = teamsUser('Mehmet Yilmaz', 'nl-NL');
  const clock = new TestClock('2026-11-24T10:00:00Z');
  let bot: RunningBot;
  let first: Request;
  let second: Request;

  beforeAll(async () => {
    bot = await startBotWithAdvisors(clock, [ilse, martijn]);
    first = await requestAdvice(bot, sophie, { mode: 'anonymous', message: 'A patient\'s relative keeps waiting for me at the exit' });
    second = await requestAdvice(bot, mehmet, { mode: 'anonymous', message: 'Mijn leidinggevende maakt grappen over mijn geloof' });
    await bot.app.outbox.runDueJobs();
    for (const request of [first, second]) await new Conversation(bot, ilse).executes('case.claim', { caseId: request.caseId });
    await bot.app.outbox.runDueJobs();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('has claimed both, with different case codes', async () => {
    expect(first.code).not.toBe(second.code);
    for (const request of [first, second]) expect((await advisorView(bot, ilse, request.caseId)).claimedBy?.userId).toBe(ilse.aadObjectId);
  });

  it('delivers each reply only to its own requester, labelled with their own case code', async () => {
    const [toSophie, toMehmet] = await Promise.all([
      new Conversation(bot, ilse).executes('case.reply', { caseId: first.caseId, reply: 'Shall we meet on Thursday at ten, near the chapel?' }),
      new Conversation(bot, ilse).executes('case.reply', { caseId: second.caseId, reply: 'Zullen we morgen om negen uur bellen via deze chat?' }),
    ]);
    expect(cardText({ card: toSophie })).toContain(`Antwoord verstuurd naar de aanvrager van ${first.code}`);
    expect(cardText({ card: toMehmet })).toContain(`Antwoord verstuurd naar de aanvrager van ${second.code}`);
    await bot.app.outbox.runDueJobs();

    const sophieCards = new Conversation(bot, sophie).proactiveCards();
    const sophieReplies = sophieCards.filter((card) => cardText({ card }).includes('Adviser ·'));
    expect(sophieReplies).toHaveLength(1);
    expect(cardText({ card: sophieReplies[0] })).toContain(`Adviser · ${first.code}`);
    expect(cardText({ card: sophieReplies[0] })).toContain('Shall we meet on Thursday at ten, near the chapel?');

    const mehmetCards = new Conversation(bot, mehmet).proactiveCards();
    const mehmetReplies = mehmetCards.filter((card) => cardText({ card }).includes('Vertrouwenspersoon ·'));
    expect(mehmetReplies).toHaveLength(1);
    expect(cardText({ card: mehmetReplies[0] })).toContain(`Vertrouwenspersoon · ${second.code}`);
    expect(cardText({ card: mehmetReplies[0] })).toContain('Zullen we morgen om negen uur bellen via deze chat?');

    const sentToSophie = everythingSentTo(bot, sophie);
    const sentToMehmet = everythingSentTo(bot, mehmet);
    expect(sentToSophie).not.toContain(second.code);
    expect(sentToSophie).not.toContain('negen uur');
    expect(sentToMehmet).not.toContain(first.code);
    expect(sentToMehmet).not.toContain('chapel');
    for (const sent of [sentToSophie, sentToMehmet]) expect(sent).not.toMatch(/Ilse|Martijn/);
    expect(everythingSentTo(bot, martijn)).not.toMatch(/chapel|negen uur/);
  });

  it('relays each requester\'s answer to the adviser under that requester\'s own case code', async () => {
    await new Conversation(bot, sophie).says('Thursday works, thank you for answering so fast');
    await new Conversation(bot, mehmet).says('Morgen om negen uur is goed, dank je wel');
    await bot.app.outbox.runDueJobs();
    const relayed = new Conversation(bot, ilse).proactiveCards().filter((card) => cardText({ card }).includes('Aanvrager ·'));
    expect(relayed).toHaveLength(2);
    const fromSophie = relayed.find((card) => cardText({ card }).includes('Thursday works'))!;
    const fromMehmet = relayed.find((card) => cardText({ card }).includes('Morgen om negen uur'))!;
    expect(cardText({ card: fromSophie })).toContain(`Aanvrager · ${first.code}`);
    expect(cardText({ card: fromSophie })).not.toContain(second.code);
    expect(cardText({ card: fromMehmet })).toContain(`Aanvrager · ${second.code}`);
    expect(cardText({ card: fromMehmet })).not.toContain(first.code);
    // Replying from a relayed message answers that message's case.
    expect(allActions(fromMehmet).find((action) => action.verb === 'case.reply')?.data).toEqual({ caseId: second.caseId });
    expect(everythingSentTo(bot, martijn)).not.toMatch(/Thursday works|negen uur is goed/);
  });
});
