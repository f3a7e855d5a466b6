import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation, type Card } from '../support/conversation';
import { staticGraphCredential } from '../support/graphCredential';
import { LocalGraph, type LocalGraphUser } from '../support/localGraph';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * An adviser who left the group loses a claimed case only when someone else could take it (its pool and backup, less
 * those the requester moved away from). Red team, stop 31 #9 (operator mistakes; Graph answering oddly): the advisers'
 * group reads empty for a while. An operator
 * turns it into a dynamic group (Entra empties it while the rule is evaluated), or moves the advisers to a new group and
 * points ADVISOR_GROUP_ID at it before they are added, or a directory sync drops and re-adds them. At the next membership
 * read (the sweep, every minute) every claimed case of the pool "loses its adviser": it goes back to a pool of nobody, its
 * requester reads "The adviser who took your request … is no longer available", the relay stops, nobody is notified (no
 * one is left to notify), and when the group is whole again the adviser can only claim it anew. The same request is then
 * worse off than if nothing had been done. "Ask for another adviser" already keeps a case with its adviser when nobody
 * else could take it (red team stop 30 #5, anotherAdviserOnlyWhenSomeoneCanTakeIt.test.ts); releasing a claim on
 * membership does not ask that question. PRODUCT.md: "Never lose a request".
 */
const GRAPH_TOKEN = 'graph-token-for-the-empty-group';
const femke = teamsUser('Femke Leeg', 'nl-NL');
const lotte = teamsUser('Lotte Wacht', 'en-GB');
const joost = teamsUser('Joost Nieuw', 'nl-NL');
const member = (person: TeamsUser): LocalGraphUser => ({ id: person.aadObjectId, displayName: person.name, mail: person.email });
const clock = new TestClock('2026-11-24T09:00:00Z');
let graph: LocalGraph;
let bot: RunningBot;

beforeAll(async () => {
  graph = await LocalGraph.start({ acceptedToken: GRAPH_TOKEN });
  graph.seedGroup('empty-advisors', [member(femke)]);
  bot = await startBot(
    {
      ADVISOR_GROUP_ID: 'empty-advisors',
      GRAPH_BASE_URL: graph.baseUrl,
      GRAPH_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      GRAPH_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      GRAPH_CLIENT_SECRET: 'not-used-in-tests',
    },
    { clock, runBackgroundWork: false, graphCredential: staticGraphCredential(GRAPH_TOKEN) },
  );
  await new Conversation(bot, femke).installs();
});
afterAll(async () => {
  await bot.stop();
  await graph.stop();
});

function proactiveText(person: TeamsUser): string {
  return new Conversation(bot, person).proactiveCards().map((card: Card) => cardText({ card })).join('\n');
}

const releasedNotice = (code: string) => `The adviser who took your request ${code} is no longer available`;
const caseStatus = async (caseId: string) => (await bot.app.store.get<{ status: string }>('cases', 'case', caseId))?.value.status;
let caseId = '';
let code = '';

it('keeps a claimed case with its adviser while the group reads empty: nobody else could take it', async () => {
  ({ caseId, code } = await requestAnonymously(bot, lotte, 'My supervisor shouts at me when nobody else is there.'));
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, femke).executes('case.claim', { caseId });
  await bot.app.outbox.runDueJobs();

  graph.seedGroup('empty-advisors', []);
  clock.advanceMinutes(6); // past the roster's five-minute cache
  await bot.app.runSweep();
  await bot.app.outbox.runDueJobs();

  expect(proactiveText(lotte)).not.toContain(releasedNotice(code));
  expect(await caseStatus(caseId)).toBe('claimed');
});

it('says once in the log that the pool reads empty, without a case or a person in it, however many sweeps see it', async () => {
  clock.advanceMinutes(6);
  await bot.app.runSweep();
  const empty = bot.logs.filter((line) => line.includes('"event":"poolWithoutPeople"'));
  expect(empty).toHaveLength(1);
  expect(JSON.parse(empty[0]!)).toMatchObject({ group: 'advisors' });
  for (const identifying of [caseId, code, femke.aadObjectId, femke.name]) expect(empty[0]).not.toContain(identifying);
  expect(await caseStatus(caseId)).toBe('claimed');
});

it('releases the case once another adviser is in the group: someone can take it now', async () => {
  graph.seedGroup('empty-advisors', [member(joost)]);
  await new Conversation(bot, joost).installs();
  clock.advanceMinutes(6);
  await bot.app.runSweep();
  await bot.app.outbox.runDueJobs();

  expect(await caseStatus(caseId)).toBe('notified');
  expect(proactiveText(lotte)).toContain(releasedNotice(code));
  expect(proactiveText(joost)).toContain(code);
});
