import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * "SIGTERM: ... flush the outbox": what is due when the process is asked to stop goes out before it
 * stops, not only the job running at that moment (crashRecovery.test.ts's SIGTERM case has only a
 * job in flight, which stopping waits for anyway). Here the adviser's card failed once and its retry
 * is due, while the next poll is an hour away: stopping (what SIGTERM runs) delivers it, once.
 */

const adviser = teamsUser('Femke Visser', 'nl-NL');
const requester = teamsUser('Lotte van Dijk', 'en-GB');
const clock = new TestClock('2026-11-24T10:00:00Z');
let bot: RunningBot;
let stopped = false;

beforeAll(async () => {
  // The outbox runs on its own (as deployed), but polls only once an hour: nothing but the stop flushes it.
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:${adviser.name}`, OUTBOX_POLL_MS: '3600000' }, { clock });
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  if (!stopped) await bot.stop();
});

interface JobRow {
  readonly attempts: number;
  readonly leaseOwner: string | null;
}

/** Until every waiting job has been tried once and let go: its retry is then written, with its time. */
async function untilEachJobFailedOnce(): Promise<void> {
  for (let tries = 0; tries < 200; tries += 1) {
    const jobs = await bot.app.store.listPartition<JobRow>('outbox', 'job');
    if (jobs.length > 0 && jobs.every((job) => job.value.attempts >= 1 && job.value.leaseOwner === null)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the outbox did not try the job');
}

it('delivers a retry that is due when it stops, exactly once', async () => {
  bot.connector.failNext(adviser.conversationId, { status: 503 });
  const { code } = await requestAnonymously(bot, requester, 'I need advice about my manager');
  await untilEachJobFailedOnce();
  expect(bot.connector.refused).toHaveLength(1);
  // The retry is due now; the worker would take it at its next poll, an hour away.
  clock.advanceMinutes(1);
  const cardsBefore = new Conversation(bot, adviser).proactiveCards().filter((card) => cardText({ card }).includes(code));
  expect(cardsBefore).toHaveLength(0);

  stopped = true;
  await bot.stop();

  const cards = new Conversation(bot, adviser).proactiveCards().filter((card) => cardText({ card }).includes(code));
  expect(cards).toHaveLength(1);
});
