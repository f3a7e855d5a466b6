import { startBot, type RunningBot } from '../support/botHarness';
import { Conversation } from '../support/conversation';
import { staticGraphCredential } from '../support/graphCredential';
import { requestAdviser } from '../support/handoffRequests';
import { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * README, storage table: the escalation e-mail holds "the case code only, no content"; it stays in
 * mailboxes under Exchange's retention, long after the case is purged. graphHandoff.test.ts looks
 * for one word of the message in the body; this checks the whole mail, subject included, for the
 * message and every form of a named requester's identity.
 */
jest.setTimeout(60_000);

const GRAPH_TOKEN = 'graph-token-for-tests';
const MESSAGE = 'Mijn opleider dreigt mijn contract niet te verlengen';
const adviser = teamsUser('Femke Visser', 'nl-NL');
const backupAdviser = teamsUser('Bas Hendriks', 'nl-NL');
const requester = teamsUser('Daan Kok', 'en-GB');

let graph: LocalGraph;
let bot: RunningBot;
const clock = new TestClock('2026-11-24T09:00:00Z');

beforeAll(async () => {
  graph = await LocalGraph.start({ acceptedToken: GRAPH_TOKEN });
  graph.seedGroup('advisors-group', [{ id: adviser.aadObjectId, displayName: adviser.name, mail: adviser.email }]);
  graph.seedGroup('backup-group', [{ id: backupAdviser.aadObjectId, displayName: backupAdviser.name, mail: backupAdviser.email }]);
  bot = await startBot(
    { ADVISOR_GROUP_ID: 'advisors-group', BACKUP_GROUP_ID: 'backup-group', ...graph.botSettings(), ESCALATE_URGENT_AFTER_MINUTES: '15' },
    { clock, runBackgroundWork: false, graphCredential: staticGraphCredential(GRAPH_TOKEN) },
  );
  for (const person of [adviser, backupAdviser]) await new Conversation(bot, person).installs();
});
afterAll(async () => {
  await bot.stop();
  await graph.stop();
});

it('escalates a named urgent request by e-mail that names its code and nothing of the request or the requester', async () => {
  const { code } = await requestAdviser(bot, requester, { asks: 'vertrouwenspersoon', mode: 'named', message: MESSAGE, contact: 'call', urgent: true });
  await bot.app.outbox.runDueJobs();
  clock.advanceMinutes(16);
  await bot.app.runSweep();
  await bot.app.outbox.runDueJobs();

  const mails = graph.deliveredMails();
  expect(mails).toHaveLength(1);
  const whole = JSON.stringify(mails[0]);
  expect(whole).toContain(code);
  for (const content of [MESSAGE, 'opleider', 'contract', requester.name, 'Daan', requester.aadObjectId, requester.email, requester.id]) {
    expect({ content, inMail: whole.includes(content) }).toEqual({ content, inMail: false });
  }
});
