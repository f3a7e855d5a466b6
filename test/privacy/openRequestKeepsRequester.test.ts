import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * The storage table of the README: preferences and the chat address go `inactivePersonDays`
 * after the person last wrote, but are "kept meanwhile for people with an open request or a
 * claimed case". inactivityExpiry.test.ts proves the advisers are kept; this is the requester,
 * whose adviser's replies need their chat address however long ago they last wrote.
 */
jest.setTimeout(120_000);

const adviser = teamsUser('Femke Mulder', 'nl-NL');
const requester = teamsUser('Joost van Dijk', 'en-GB');
const clock = new TestClock('2026-11-24T10:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:Femke Mulder` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot.stop();
});

it('keeps the chat address of a requester whose case is open past inactivePersonDays, so the adviser\'s reply still reaches them', async () => {
  const days = bot.app.services.content.organisation.retention.inactivePersonDays;
  const { caseId } = await requestAnonymously(bot, requester, 'My supervisor shouts at me in front of patients');
  await bot.app.outbox.runDueJobs();
  const advising = new Conversation(bot, adviser);
  await advising.executes('case.claim', { caseId });
  await bot.app.outbox.runDueJobs();
  const requesterKey = bot.app.services.personKeys.keyFor(requester.aadObjectId);

  // The requester writes nothing more; the adviser keeps the case going by opening it every 20 days.
  for (let day = 0; day <= days; day += 20) {
    clock.advanceDays(20);
    await advising.executes('case.refresh', { caseId });
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
  }
  expect((await bot.app.store.get<{ status: string }>('cases', 'case', caseId))?.value.status).toBe('claimed');
  expect(await bot.app.store.get('conversations', 'person', requesterKey)).toBeDefined();

  await advising.executes('case.reply', { caseId, reply: 'Are you still there? I can call you this week.' });
  await bot.app.outbox.runDueJobs();
  const received = new Conversation(bot, requester).proactiveCards().map((card) => cardText({ card }));
  expect(received.some((text) => text.includes('Are you still there? I can call you this week.'))).toBe(true);
});
