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
 *
 * Final review, stop 31, #3: a production deployment normally has a backup group (escalation needs it), and its people
 * "could take" every case; an empty read of the claimer's own pool group says nothing about the claimer having left,
 * so the claim stays then too.
 */
const femke = teamsUser('Femke Leeg', 'nl-NL');
const lotte = teamsUser('Lotte Wacht', 'en-GB');
const joost = teamsUser('Joost Nieuw', 'nl-NL');
const bart = teamsUser('Bart Reserve', 'nl-NL');
const member = (person: TeamsUser): LocalGraphUser => ({ id: person.aadObjectId, displayName: person.name, mail: person.email });
const releasedNotice = (code: string) => `The adviser who took your request ${code} is no longer available`;

/** A bot whose advisers' group holds Femke alone, and, when given, a backup group. */
function botWithOneAdviser(graphToken: string, backupAdvisers?: readonly TeamsUser[]) {
  const clock = new TestClock('2026-11-24T09:00:00Z');
  const running = { clock } as { clock: TestClock; graph: LocalGraph; bot: RunningBot };
  beforeAll(async () => {
    running.graph = await LocalGraph.start({ acceptedToken: graphToken });
    running.graph.seedGroup('empty-advisors', [member(femke)]);
    if (backupAdvisers) running.graph.seedGroup('backup-advisors', backupAdvisers.map(member));
    running.bot = await startBot(
      {
        ADVISOR_GROUP_ID: 'empty-advisors',
        ...(backupAdvisers ? { BACKUP_GROUP_ID: 'backup-advisors' } : {}),
        GRAPH_BASE_URL: running.graph.baseUrl,
        GRAPH_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        GRAPH_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
        GRAPH_CLIENT_SECRET: 'not-used-in-tests',
      },
      { clock, runBackgroundWork: false, graphCredential: staticGraphCredential(graphToken) },
    );
    for (const adviser of [femke, ...(backupAdvisers ?? [])]) await new Conversation(running.bot, adviser).installs();
  });
  afterAll(async () => {
    await running.bot.stop();
    await running.graph.stop();
  });
  return running;
}

function proactiveText(bot: RunningBot, person: TeamsUser): string {
  return new Conversation(bot, person).proactiveCards().map((card: Card) => cardText({ card })).join('\n');
}

const caseStatus = async (bot: RunningBot, caseId: string) =>
  (await bot.app.store.get<{ status: string }>('cases', 'case', caseId))?.value.status;

/** Lotte's request, claimed by Femke; then the advisers' group reads empty past the roster's five-minute cache and the sweep runs. */
async function claimedThenGroupReadsEmpty(running: { clock: TestClock; graph: LocalGraph; bot: RunningBot }) {
  const { bot, graph, clock } = running;
  const request = await requestAnonymously(bot, lotte, 'My supervisor shouts at me when nobody else is there.');
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, femke).executes('case.claim', { caseId: request.caseId });
  await bot.app.outbox.runDueJobs();
  expect(await caseStatus(bot, request.caseId)).toBe('claimed');

  graph.seedGroup('empty-advisors', []);
  clock.advanceMinutes(6);
  await bot.app.runSweep();
  await bot.app.outbox.runDueJobs();
  return request;
}

describe('without a backup group', () => {
  const running = botWithOneAdviser('graph-token-for-the-empty-group');
  let caseId = '';
  let code = '';

  it('keeps a claimed case with its adviser while the group reads empty: nobody else could take it', async () => {
    ({ caseId, code } = await claimedThenGroupReadsEmpty(running));

    expect(proactiveText(running.bot, lotte)).not.toContain(releasedNotice(code));
    expect(await caseStatus(running.bot, caseId)).toBe('claimed');
  });

  it('says once in the log that the pool reads empty, without a case or a person in it, however many sweeps see it', async () => {
    running.clock.advanceMinutes(6);
    await running.bot.app.runSweep();
    const empty = running.bot.logs.filter((line) => line.includes('"event":"poolWithoutPeople"'));
    expect(empty).toHaveLength(1);
    expect(JSON.parse(empty[0]!)).toMatchObject({ group: 'advisors' });
    for (const identifying of [caseId, code, femke.aadObjectId, femke.name]) expect(empty[0]).not.toContain(identifying);
    expect(await caseStatus(running.bot, caseId)).toBe('claimed');
  });

  it('releases the case once another adviser is in the group: someone can take it now', async () => {
    running.graph.seedGroup('empty-advisors', [member(joost)]);
    await new Conversation(running.bot, joost).installs();
    running.clock.advanceMinutes(6);
    await running.bot.app.runSweep();
    await running.bot.app.outbox.runDueJobs();

    expect(await caseStatus(running.bot, caseId)).toBe('notified');
    expect(proactiveText(running.bot, lotte)).toContain(releasedNotice(code));
    expect(proactiveText(running.bot, joost)).toContain(code);
  });
});

describe('with a backup group whose advisers could take the case (as production has: escalation needs it)', () => {
  const running = botWithOneAdviser('graph-token-for-the-empty-group-with-backup', [bart]);
  let caseId = '';
  let code = '';

  it("keeps a claimed case with its adviser while the advisers' group reads empty: that says nothing about the adviser having left", async () => {
    ({ caseId, code } = await claimedThenGroupReadsEmpty(running));

    expect(proactiveText(running.bot, lotte)).not.toContain(releasedNotice(code));
    expect(await caseStatus(running.bot, caseId)).toBe('claimed');
    const empty = running.bot.logs.filter((line) => line.includes('"event":"poolWithoutPeople"'));
    expect(empty).toHaveLength(1);
    for (const identifying of [caseId, code, femke.aadObjectId, femke.name]) expect(empty[0]).not.toContain(identifying);
  });

  it('releases the case once the group has people again and the adviser is not among them', async () => {
    running.graph.seedGroup('empty-advisors', [member(joost)]);
    await new Conversation(running.bot, joost).installs();
    running.clock.advanceMinutes(6);
    await running.bot.app.runSweep();
    await running.bot.app.outbox.runDueJobs();

    expect(await caseStatus(running.bot, caseId)).toBe('notified');
    expect(proactiveText(running.bot, lotte)).toContain(releasedNotice(code));
  });
});
