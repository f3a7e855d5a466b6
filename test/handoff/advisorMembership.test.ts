import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation, type Card } from '../support/conversation';
import { staticGraphCredential } from '../support/graphCredential';
import { LocalGraph, type LocalGraphUser } from '../support/localGraph';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * Membership of the advisers' group, read through Graph (the local stand-in): an adviser removed
 * mid-case loses it, a looping next-page link ends, and a Graph 429 storm gets a polite "busy".
 */

const GRAPH_TOKEN = 'graph-token-for-membership-tests';

const femke = teamsUser('Femke Visser', 'nl-NL');
const joost = teamsUser('Joost Mulder', 'nl-NL');
const lotte = teamsUser('Lotte van Dijk', 'en-GB');
const member = (person: TeamsUser): LocalGraphUser => ({ id: person.aadObjectId, displayName: person.name, mail: person.email });

let graph: LocalGraph;
let bot: RunningBot;
const clock = new TestClock('2026-11-24T09:00:00Z');

beforeAll(async () => {
  graph = await LocalGraph.start({ acceptedToken: GRAPH_TOKEN, pageSize: 1 });
  graph.seedGroup('membership-advisors', [member(femke), member(joost)]);
  bot = await startBot(
    {
      ADVISOR_GROUP_ID: 'membership-advisors',
      GRAPH_BASE_URL: graph.baseUrl,
      GRAPH_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      GRAPH_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      GRAPH_CLIENT_SECRET: 'not-used-in-tests',
    },
    { clock, runBackgroundWork: false, graphCredential: staticGraphCredential(GRAPH_TOKEN) },
  );
  for (const advisor of [femke, joost]) await new Conversation(bot, advisor).installs();
});
afterAll(async () => {
  await bot.stop();
  await graph.stop();
});


/** What the bot sent into one person's chat on its own, as text. */
function proactiveText(person: TeamsUser): string {
  return new Conversation(bot, person).proactiveCards().map((card: Card) => cardText({ card })).join('\n');
}

describe('an adviser removed from the group mid-case', () => {
  let caseId = '';
  let code = '';

  it('loses the case at the next membership read: the relay stops going to them, the requester is told, a colleague can claim', async () => {
    ({ caseId, code } = await requestAnonymously(bot, lotte, 'My supervisor keeps commenting on my clothes'));
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, femke).executes('case.claim', { caseId });
    await bot.app.outbox.runDueJobs();

    graph.seedGroup('membership-advisors', [member(joost)]);
    clock.advanceMinutes(6); // past the roster's five-minute cache
    const [answer] = await new Conversation(bot, lotte).says('It happened again this morning');
    expect(cardText(answer)).toContain(`Your adviser for ${code} is no longer available`);
    await bot.app.outbox.runDueJobs();
    expect(proactiveText(lotte)).toContain(`The adviser who took your request ${code} is no longer available`);
    expect(proactiveText(femke)).not.toContain('It happened again this morning');

    const claimed = await new Conversation(bot, joost).executes('case.claim', { caseId });
    expect(cardText({ card: claimed })).toContain('Opgepakt door Joost Mulder');
    clock.advanceMinutes(2);
    await bot.app.outbox.runDueJobs();
    expect(proactiveText(joost)).toContain('It happened again this morning');
    expect(proactiveText(femke)).not.toContain('It happened again this morning');
    const refused = await new Conversation(bot, femke).executes('case.reply', { caseId, reply: 'Are you still there?' });
    expect(cardText({ card: refused })).toContain('Alleen leden van de groep vertrouwenspersonen');
  });

  it('is found by the sweep too, without anyone writing', async () => {
    graph.seedGroup('membership-advisors', [member(femke)]);
    clock.advanceMinutes(6);
    await bot.app.runSweep();
    const view = await bot.app.handoff.viewAsAdvisor(caseId, femke.aadObjectId);
    expect(view.outcome === 'ok' && view.handoffCase).toMatchObject({ status: 'notified', claimedBy: null, releases: 2 });
    await bot.app.outbox.runDueJobs();
    expect(proactiveText(lotte).split(`The adviser who took your request ${code} is no longer available`)).toHaveLength(3);
    graph.seedGroup('membership-advisors', [member(femke), member(joost)]);
    clock.advanceMinutes(6);
  });

  it('counts that release in the sweep\'s log line, with the sweep\'s other counts', () => {
    const sweeps = bot.logs.filter((line) => line.includes('"event":"sweep"')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(sweeps.at(-1)).toMatchObject({ released: 1, followUpReminders: 0, escalated: 0 });
  });
});

describe('Graph paging that never ends', () => {
  it('stops a next link that repeats, and still knows the members', async () => {
    graph.setPagingLoop('membership-advisors', 'sameLink');
    clock.advanceMinutes(6);
    graph.clearCalls();
    const [list] = await new Conversation(bot, joost).says('zaken');
    expect(cardText(list)).toMatch(/Openstaande aanvragen|Er zijn nu geen openstaande aanvragen/);
    expect(graph.callsTo('/members').length).toBeLessThanOrEqual(3);
  });

  it('stops endless paging at the page limit and answers "busy" instead of an error', async () => {
    graph.setPagingLoop('membership-advisors', 'endless');
    clock.advanceMinutes(6);
    graph.clearCalls();
    const [list] = await new Conversation(bot, joost).says('zaken');
    expect(cardText(list)).toContain('probeer het over een minuut opnieuw');
    expect(graph.callsTo('/members').length).toBeLessThanOrEqual(100);
    graph.setPagingLoop('membership-advisors', undefined);
    await bot.app.roster.settled();
  });
});

describe('a Graph 429 storm on member reads', () => {
  it('answers Claim (HTTP 200) and zaken with "busy, try again in a minute", and reads the group again in the background', async () => {
    const { caseId } = await requestAnonymously(bot, teamsUser('Sem de Groot', 'en-GB'), 'I saw a colleague being shouted at');
    clock.advanceMinutes(6);
    graph.failNext('/members', [
      { status: 429, retryAfterSeconds: 1, code: 'TooManyRequests' },
      { status: 429, retryAfterSeconds: 1, code: 'TooManyRequests' },
    ]);
    const claim = await new Conversation(bot, femke).executes('case.claim', { caseId });
    expect(cardText({ card: claim })).toContain('Even druk, probeer het over een minuut opnieuw');
    const [list] = await new Conversation(bot, femke).says('zaken');
    expect(cardText(list)).toContain('probeer het over een minuut opnieuw');

    await bot.app.roster.settled();
    const readsBefore = graph.callsTo('/members').length;
    const claimed = await new Conversation(bot, femke).executes('case.claim', { caseId });
    expect(cardText({ card: claimed })).toContain('Opgepakt door Femke Visser');
    // The background read filled the roster: the claim needed no Graph call of its own.
    expect(graph.callsTo('/members').length).toBe(readsBefore);
  });
});
