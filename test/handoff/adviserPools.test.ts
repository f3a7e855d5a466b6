import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, buttonTitles, cardText, Conversation, type BotReply, type Card } from '../support/conversation';
import { staticGraphCredential } from '../support/graphCredential';
import { requestAdviser, type AdviserRequest } from '../support/handoffRequests';
import { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { installActivity, teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * Adviser pools by topic, over the real Graph client against the local Graph stand-in: a
 * research-integrity request goes to the research integrity counsellor only, a behaviour topic
 * to the confidential advisers only, each adviser reads their card in their own language and
 * time zone, and the requester's confirmation says who sees it, what "urgent" changes and how
 * an anonymous call can work.
 */

const GRAPH_TOKEN = 'graph-token-for-pool-tests';

const femke = teamsUser('Femke Visser', 'nl-NL');
const sarah = teamsUser('Sarah Whitfield', 'en-GB');
const bas = teamsUser('Bas Hendriks', 'nl-NL');
const ruth = teamsUser('Ruth Odenthal', 'en-GB');
const omar = teamsUser('Omar Benali', 'nl-NL');
const confidentialAdvisers = [femke, sarah];
const everyAdviser = [femke, sarah, bas, ruth, omar];

const clock = new TestClock('2026-11-24T09:30:00Z'); // Tuesday, 10:30 in Amsterdam, 09:30 in London
let graph: LocalGraph;
let bot: RunningBot;

beforeAll(async () => {
  graph = await LocalGraph.start({ acceptedToken: GRAPH_TOKEN });
  const member = (person: TeamsUser) => ({ id: person.aadObjectId, displayName: person.name, mail: person.email });
  graph.seedGroup('advisors-group', confidentialAdvisers.map(member));
  graph.seedGroup('backup-group', [member(bas)]);
  graph.seedGroup('research-integrity-group', [member(ruth)]);
  graph.seedGroup('integrity-office-group', [member(omar)]);
  bot = await startBot(
    {
      ADVISOR_GROUP_ID: 'advisors-group',
      BACKUP_GROUP_ID: 'backup-group',
      ADVISER_POOL_GROUPS: 'research-integrity=research-integrity-group, integrity-office=integrity-office-group',
      ...graph.botSettings(),
      ESCALATE_AFTER_MINUTES: '60',
      ESCALATE_URGENT_AFTER_MINUTES: '15',
    },
    { clock, runBackgroundWork: false, graphCredential: staticGraphCredential(GRAPH_TOKEN) },
  );
  for (const adviser of everyAdviser.filter((adviser) => adviser !== sarah)) await new Conversation(bot, adviser).installs();
  // Sarah works from London: her Teams reports its own time zone when she installs the bot.
  const install = {
    ...installActivity(sarah, bot.connector.url),
    entities: [{ type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' }],
  };
  await new Conversation(bot, sarah).post(install);
});
afterAll(async () => {
  await bot.stop();
  await graph.stop();
});

interface Request {
  readonly caseId: string;
  readonly code: string;
  readonly consent: BotReply;
  readonly confirmation: BotReply;
}

/** "Talk to …" on a guidance card for a topic, then "Send request" on the consent card. */
function requestAbout(person: TeamsUser, topic: string, request: AdviserRequest): Promise<Request> {
  return requestAdviser(bot, person, { asks: { topic, perspective: 'witness' }, ...request });
}

function cardsAbout(person: TeamsUser, code: string): Card[] {
  return new Conversation(bot, person).proactiveCards().filter((card) => JSON.stringify(card).includes(code));
}

function factsOf(card: Card | undefined): Record<string, string> {
  const facts: Record<string, string> = {};
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Card;
      if (record.type === 'FactSet') for (const fact of record.facts as Card[]) facts[fact.title] = fact.value;
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return facts;
}

describe('a research-integrity request', () => {
  const daan = teamsUser('Daan Kok', 'en-GB');
  let request: Request;

  it('names the research integrity counsellor on the consent card and the confirmation', async () => {
    request = await requestAbout(daan, 'research-integrity', { mode: 'named', message: 'A co-author changed data after review' });
    const consent = cardText(request.consent);
    expect(consent).toContain('Talk to the research integrity counsellor');
    expect(consent).toContain('Your request will be visible only to the research integrity counsellor.');
    expect(consent).not.toContain('confidential advisers');
    // This deployment gives the counsellor no backup group, so the card promises none.
    expect(consent).not.toContain('backup');

    const confirmation = cardText(request.confirmation);
    expect(confirmation).toContain('Only the research integrity counsellor can see your request.');
    expect(confirmation).toContain('you can expect an answer from the research integrity counsellor within a few hours');
    expect(factsOf(request.confirmation.card)['Sent to']).toBe('Research integrity counsellor');
  });

  it('reaches only the integrity pool: one notification and one card, for the counsellor alone', async () => {
    await bot.app.outbox.runDueJobs();
    const notifications = graph.deliveredNotifications().filter((notification) => notification.templateParameters.caseCode === request.code);
    expect(notifications).toHaveLength(1);
    expect(notifications[0].recipientUserIds).toEqual([ruth.aadObjectId]);
    const [card] = cardsAbout(ruth, request.code);
    expect(cardText({ card })).toContain('Request · Research integrity counsellor');
    expect(factsOf(card).Pool).toBe('Research integrity counsellor');
    for (const other of [femke, sarah, bas, omar]) expect(cardsAbout(other, request.code)).toEqual([]);
  });

  it('refuses a confidential adviser who tries to claim it, and leaves it out of their list', async () => {
    const refused = await new Conversation(bot, femke).executes('case.claim', { caseId: request.caseId });
    expect(cardText({ card: refused })).toContain('Niet beschikbaar');
    expect(cardText({ card: refused })).not.toContain(request.code);
    const [femkesList] = await new Conversation(bot, femke).says('zaken');
    expect(cardText(femkesList)).not.toContain(request.code);

    const ruthsList = await new Conversation(bot, ruth).says('unclaimed');
    expect(ruthsList.map(cardText).join('\n')).toContain(request.code);
    const claimed = await new Conversation(bot, ruth).executes('case.claim', { caseId: request.caseId });
    expect(cardText({ card: claimed })).toContain('Claimed by Ruth Odenthal');
    const [mine] = await new Conversation(bot, ruth).says('my cases');
    expect(cardText(mine)).toContain('Open requests you have taken: 1');
  });

  it('offers the other filters of the list as buttons, answered like the typed commands', async () => {
    const conversation = new Conversation(bot, ruth);
    const [all] = await conversation.says('cases');
    expect(cardText(all)).toContain('Open requests of your pools, not yet taken or taken by you: 1');
    expect(buttonTitles(all)).toEqual(['Not taken yet', 'Mine', 'With colleagues']);
    const mine = await conversation.clicks('Mine');
    expect(cardText(mine[0])).toContain('Open requests you have taken: 1');
    expect(mine.map(cardText).join('\n')).toContain(request.code);
    expect(buttonTitles(mine[0])).toEqual(['New and mine', 'Not taken yet', 'With colleagues']);
    const unclaimed = await conversation.clicks('Not taken yet');
    expect(cardText(unclaimed[0])).toContain('Every request of your pools has been taken.');
    expect(unclaimed.map(cardText).join('\n')).not.toContain(request.code);
    const withColleagues = await conversation.clicks('With colleagues');
    expect(cardText(withColleagues[0])).toContain('No open request of your pools is with a colleague right now.');
    expect(buttonTitles(withColleagues[0])).toEqual(['New and mine', 'Not taken yet', 'Mine']);
    const [dutch] = await new Conversation(bot, femke).says('zaken');
    expect(buttonTitles(dutch)).toEqual(['Nog niet opgepakt', 'Mijn zaken', "Bij collega's"]);
    // Another pool's case taken by its own adviser is not a colleague's case for Femke: she does not see it at all.
    const [femkesColleagues] = await new Conversation(bot, femke).says("bij collega's");
    expect(cardText(femkesColleagues)).not.toContain(request.code);
  });

  it('escalates an urgent one without a backup group to nobody else, and tells the requester it is still waiting', async () => {
    const iris = teamsUser('Iris Mertens', 'en-GB');
    const urgent = await requestAbout(iris, 'research-integrity', { mode: 'anonymous', urgent: true });
    expect(cardText(urgent.confirmation)).toContain(
      'You marked it urgent: it is flagged as urgent, and if nobody has taken it within 15 minutes I will let you know (otherwise after 60 minutes).',
    );
    await bot.app.outbox.runDueJobs();
    clock.advanceMinutes(15);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    const told = new Conversation(bot, iris).proactiveCards().map((card) => cardText({ card }));
    expect(told.join('\n')).toContain(`Nobody has been able to take your request ${urgent.code} yet; it is still waiting.`);
    for (const other of [femke, sarah, bas, omar]) expect(cardsAbout(other, urgent.code)).toEqual([]);
    expect(graph.deliveredMails().filter((mail) => mail.subject.includes(urgent.code))).toEqual([]);
  });
});

describe('a behaviour request, read by a Dutch and an English adviser', () => {
  const noor = teamsUser('Noor El Amrani', 'nl-NL');
  let request: Request;

  it('goes to the confidential advisers only, with the backup named on the consent card', async () => {
    clock.advanceMinutes((Date.parse('2026-11-25T09:30:00Z') - clock.now().getTime()) / 60_000); // Wednesday, 10:30 in Amsterdam
    request = await requestAbout(noor, 'bullying', { mode: 'named', urgent: true, message: 'Mijn collega wordt buitengesloten' });
    expect(cardText(request.consent)).toContain('Praten met een vertrouwenspersoon');
    expect(cardText(request.consent)).toContain('Je aanvraag is alleen zichtbaar voor de vertrouwenspersonen en, als niemand hem op tijd kan oppakken, voor de achterwacht.');
    expect(cardText(request.confirmation)).toContain(
      'Je gaf aan dat het dringend is: je aanvraag staat als dringend gemarkeerd, en als niemand hem binnen 15 minuten oppakt, gaat hij ook naar de achterwacht (anders pas na 60 minuten).',
    );
    expect(factsOf(request.confirmation.card).Urgentie).toBe('Dringend');

    await bot.app.outbox.runDueJobs();
    const notifications = graph.deliveredNotifications().filter((notification) => notification.templateParameters.caseCode === request.code);
    // One notification per language, each to its own readers.
    expect(notifications.map((notification) => [notification.previewText, notification.recipientUserIds]).sort()).toEqual(
      [
        [`New request ${request.code}`, [sarah.aadObjectId]],
        [`Nieuwe aanvraag ${request.code}`, [femke.aadObjectId]],
      ].sort(),
    );
    for (const other of [bas, ruth, omar]) expect(cardsAbout(other, request.code)).toEqual([]);
  });

  it('shows the Dutch adviser a Dutch card in Amsterdam time, and the English adviser an English one in London time', async () => {
    const [dutch] = cardsAbout(femke, request.code);
    const [english] = cardsAbout(sarah, request.code);
    expect(cardText({ card: dutch })).toContain('Aanvraag · Vertrouwenspersonen');
    expect(cardText({ card: dutch })).toContain('⚠ DRINGEND');
    expect(factsOf(dutch)).toMatchObject({ Groep: 'Vertrouwenspersonen', Vorm: 'Met naam', 'Wacht al': '0 min' });
    expect(factsOf(dutch).Aangevraagd).toMatch(/wo 25 nov\.?,? 10:30/);
    expect(cardText({ card: english })).toContain('Request · Confidential advisers');
    expect(cardText({ card: english })).toContain('⚠ URGENT');
    expect(factsOf(english)).toMatchObject({ Pool: 'Confidential advisers', Mode: 'Named', 'Waiting for': '0 min' });
    expect(factsOf(english).Requested).toMatch(/Wed 25 Nov,? 09:30/);

    // The requester chose to be named: a chat link to them, never wrapped in the code line.
    const chat = allActions(english).find((action) => action.type === 'Action.OpenUrl');
    expect(chat).toMatchObject({ title: 'Chat with Noor El Amrani', url: `https://teams.microsoft.com/l/chat/0/0?users=${noor.aadObjectId}` });
    const codeLine = JSON.stringify(english).match(/\{[^{}]*"text":"VK-[^"]+"[^{}]*\}/)?.[0] ?? '';
    expect(JSON.parse(codeLine)).toMatchObject({ text: request.code, wrap: false });
  });

  it('counts the waiting time when an adviser opens the card later', async () => {
    clock.advanceMinutes(25);
    const refreshed = await new Conversation(bot, sarah).executes('case.refresh', { caseId: request.caseId });
    expect(factsOf(refreshed)['Waiting for']).toBe('25 min');
    clock.advanceMinutes(100);
    const later = await new Conversation(bot, femke).executes('case.refresh', { caseId: request.caseId });
    expect(factsOf(later)['Wacht al']).toBe('2 uur 5 min');
  });
});

describe('the confirmation of an anonymous request that asks for a call', () => {
  it('repeats the preference and says how a call can work without a name', async () => {
    const lotte = teamsUser('Lotte van Dijk', 'en-GB');
    const { confirmation } = await requestAbout(lotte, 'discrimination', { mode: 'anonymous', contact: 'call' });
    const text = cardText(confirmation);
    expect(factsOf(confirmation.card)['Preferred contact']).toBe('A call');
    expect(text).toContain('You chose anonymous and a call. A call needs a phone number, and a number can show who you are.');
    expect(text).toContain('you can send them a number in this chat (only they see it), or simply keep talking here');
    expect(text).not.toContain('You prefer a call.');
    expect(text).not.toContain('urgent');
  });

  it('offers to chat instead, which switches the preference and tells the adviser', async () => {
    const mila = teamsUser('Mila Jacobs', 'en-GB');
    const { confirmation, code } = await requestAbout(mila, 'discrimination', { mode: 'anonymous', contact: 'call' });
    await bot.app.outbox.runDueJobs();
    const chatInstead = allActions(confirmation.card!).find((action) => action.title === 'Chat here instead');
    expect(chatInstead?.data).toMatchObject({ verb: 'handoff.chatInstead' });
    const [switched] = await new Conversation(bot, mila).submits(chatInstead!.data);
    expect(cardText(switched)).toContain(`Done: you will talk with the adviser here in this chat, under your case code ${code}. No phone number needed.`);
    expect(factsOf(switched.card)['Preferred contact']).toBe('Teams chat');
    expect(allActions(switched.card!).map((action) => action.title)).not.toContain('Chat here instead');
    const since = bot.connector.calls.length;
    await bot.app.outbox.runDueJobs();
    const refreshed = bot.connector.calls.slice(since).filter((call) => call.method === 'PUT' && call.conversationId === sarah.conversationId);
    expect(refreshed).toHaveLength(1);
    expect(factsOf(refreshed[0].activity.attachments[0].content)['Preferred contact']).toBe('Teams chat');
  });

  it('repeats a named requester\'s preference as it is', async () => {
    const { confirmation } = await requestAbout(teamsUser('Joris Smit', 'nl-NL'), 'aggression', { mode: 'named', contact: 'in-person' });
    expect(cardText(confirmation)).toContain('Je spreekt het liefst persoonlijk af.');
    expect(factsOf(confirmation.card)['Voorkeur voor contact']).toBe('Persoonlijk');
  });
});

describe('"this did not help" on a guidance card', () => {
  it('offers the pool of the topic, by name, in the person\'s language', async () => {
    const feedback = (person: TeamsUser, topic: string) =>
      new Conversation(bot, person).submits({ verb: 'guidance.feedback', helpful: false, topic, perspective: 'witness' });
    const [integrity] = await feedback(teamsUser('Kees Bakker', 'en-GB'), 'research-integrity');
    expect(cardText(integrity)).toContain('You can think your situation over together with the research integrity counsellor.');
    expect(allActions(integrity.card!).map((action) => action.title)).toContain('Talk to the research integrity counsellor');
    const [behaviour] = await feedback(teamsUser('Anouk Peters', 'nl-NL'), 'bullying');
    expect(cardText(behaviour)).toContain('Je kunt samen met een vertrouwenspersoon over jouw situatie nadenken.');
    expect(allActions(behaviour.card!).map((action) => action.title)).toContain('Praten met een vertrouwenspersoon');
  });
});

describe('two pools played locally, without Graph', () => {
  const anna = teamsUser('Anna de Vries', 'nl-NL');
  const pieter = teamsUser('Pieter Smit', 'en-GB');
  let local: RunningBot;

  afterEach(async () => {
    await local?.stop();
  });

  it('sends research integrity to the LOCAL_ADVISER_POOLS person and behaviour to LOCAL_ADVISORS', async () => {
    local = await startBot(
      {
        LOCAL_ADVISORS: `${anna.aadObjectId}:${anna.name}`,
        LOCAL_ADVISER_POOLS: `research-integrity=${pieter.aadObjectId}:${pieter.name}`,
      },
      { clock, runBackgroundWork: false },
    );
    for (const adviser of [anna, pieter]) await new Conversation(local, adviser).installs();
    const { consent: integrityConsent, code } = await requestAdviser(local, teamsUser('Kim Bakker', 'en-GB'), { asks: { topic: 'research-integrity' } });
    expect(cardText(integrityConsent)).toContain('Talk to the research integrity counsellor');
    await local.app.outbox.runDueJobs();
    const cardsFor = (person: TeamsUser) =>
      new Conversation(local, person).proactiveCards().filter((card) => JSON.stringify(card).includes(code));
    expect(cardsFor(pieter)).toHaveLength(1);
    expect(cardsFor(anna)).toEqual([]);
    // Pieter's Teams speaks English, so his card does too, although ADVISOR_LOCALE is Dutch.
    expect(cardText({ card: cardsFor(pieter)[0] })).toContain('Request · Research integrity counsellor');
  });

  it('draws an adviser\'s cards in the language they chose in the bot, over their Teams language', async () => {
    local = await startBot({ LOCAL_ADVISORS: `${anna.aadObjectId}:${anna.name}` }, { clock, runBackgroundWork: false });
    const annasChat = new Conversation(local, anna);
    await annasChat.installs();
    await annasChat.submits({ verb: 'locale.set', locale: 'en' });
    const { code } = await requestAdviser(local, teamsUser('Sem Visser', 'nl-NL'), { asks: { topic: 'bullying' } });
    await local.app.outbox.runDueJobs();
    const card = annasChat.proactiveCards().find((sent) => JSON.stringify(sent).includes(code));
    // Anna's Teams speaks Dutch and ADVISOR_LOCALE is Dutch: only her choice makes the card English.
    expect(cardText({ card })).toContain('Request · ');
    expect(cardText({ card })).not.toContain('Aanvraag · ');
  });

  it('folds a pool without people into the default pool, and the cards say so', async () => {
    local = await startBot({ LOCAL_ADVISORS: `${anna.aadObjectId}:${anna.name}` }, { clock, runBackgroundWork: false });
    await new Conversation(local, anna).installs();
    const requester = new Conversation(local, teamsUser('Sem Visser', 'en-GB'));
    const [consent] = await requester.submits({ verb: 'handoff.start', flow: { topic: 'research-integrity' } });
    expect(cardText(consent)).toContain('Talk to a confidential adviser');
    expect(cardText(consent)).toContain('Your request will be visible only to the confidential advisers');
    expect(local.logs.join('\n')).toContain('"event":"adviserPoolWithoutPeople","pool":"research-integrity"');
  });

  it('refuses to start when a setting names a pool the content does not define', async () => {
    await expect(
      startBot({ LOCAL_ADVISORS: `${anna.aadObjectId}:${anna.name}`, LOCAL_ADVISER_POOLS: `ethics-board=${pieter.aadObjectId}:${pieter.name}` }),
    ).rejects.toThrow(/LOCAL_ADVISER_POOLS: entry 1 names a pool that content\/adviser-pools\.json does not define/);
    local = undefined as unknown as RunningBot;
  });
});
