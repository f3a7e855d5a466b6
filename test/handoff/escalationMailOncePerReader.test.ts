import type { RunningBot } from '../support/botHarness';
import { requestAdviser } from '../support/handoffRequests';
import { startBotWithGraphGroups } from '../support/graphBot';
import type { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * The escalation mail goes to the backup group once per reader, as the feed notification does. It is one mail per
 * language (each in its readers' own), all in one outbox job: before, a 429 on the English mail retried the job and
 * the Dutch backup adviser got the same escalation mail again at every retry.
 */
jest.setTimeout(60_000);

const femke = teamsUser('Femke Visser', 'nl-NL');
const bas = teamsUser('Bas Hendriks', 'nl-NL');
const grace = teamsUser('Grace Miller', 'en-GB');
const requester = teamsUser('Daan Kok', 'en-GB');
const clock = new TestClock('2026-11-24T09:00:00Z');
let bot: RunningBot;
let graph: LocalGraph;

beforeAll(async () => {
  ({ bot, graph } = await startBotWithGraphGroups(
    { 'advisors-group': [femke], 'backup-group': [bas, grace] },
    { ADVISOR_GROUP_ID: 'advisors-group', BACKUP_GROUP_ID: 'backup-group', ESCALATE_URGENT_AFTER_MINUTES: '15' },
    clock,
  ));
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await graph?.stop();
});

it('mails each backup adviser once when Graph throttles the mail of the second language', async () => {
  const { code } = await requestAdviser(bot, requester, { mode: 'anonymous', message: 'He threatened me after the shift', urgent: true });
  await bot.app.outbox.runDueJobs();
  clock.advanceMinutes(16);
  // The first mail goes; the second is throttled twice, then goes.
  graph.failNext(/\/sendMail$/, [{ delayMs: 1 }, { status: 429, retryAfterSeconds: 30 }, { status: 503 }]);
  await bot.app.runSweep();
  for (let attempt = 0; attempt < 4; attempt += 1) {
    await bot.app.outbox.runDueJobs();
    clock.advanceMinutes(1);
  }

  const mails = graph.deliveredMails().filter((mail) => mail.subject.includes(code));
  const mailsTo = (address: string) => mails.filter((mail) => mail.to.includes(address)).length;
  expect({ bas: mailsTo(bas.email), grace: mailsTo(grace.email) }).toEqual({ bas: 1, grace: 1 });
  expect(await bot.app.outbox.pendingJobs()).toEqual([]);
});
