import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * The handoff's delivery jobs read each adviser's language and time zone once per job, however
 * many of the job's steps (feed notification, card, mail) need it. Counted on the real store
 * while the outbox runs: a spy that only counts, every read still goes to SQLite.
 */
jest.setTimeout(60_000);

const femke = teamsUser('Femke Visser', 'nl-NL');
const sarah = teamsUser('Sarah Whitfield', 'en-GB');
const joost = teamsUser('Joost Mulder', 'nl-NL');
const lotte = teamsUser('Lotte van Dijk', 'en-GB');
const advisers = [femke, sarah, joost];

const clock = new TestClock('2026-11-24T09:30:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot(
    { LOCAL_ADVISORS: advisers.map((adviser) => `${adviser.aadObjectId}:${adviser.name}`).join(';'), ESCALATE_AFTER_MINUTES: '60' },
    { clock, runBackgroundWork: false },
  );
  for (const adviser of advisers) await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  jest.restoreAllMocks();
  await bot?.stop();
});

/** Runs the due jobs and counts the preference reads per adviser while they run. */
async function preferenceReadsWhileDelivering(): Promise<Record<string, number>> {
  const keyOf = new Map(advisers.map((adviser) => [bot.app.services.personKeys.keyFor(adviser.aadObjectId), adviser.name]));
  const reads = jest.spyOn(bot.app.store, 'get');
  try {
    await bot.app.outbox.runDueJobs();
    const counts: Record<string, number> = Object.fromEntries(advisers.map((adviser) => [adviser.name, 0]));
    for (const [table, , rowKey] of reads.mock.calls) {
      const name = keyOf.get(rowKey);
      if (table === 'preferences' && name) counts[name] = (counts[name] ?? 0) + 1;
    }
    return counts;
  } finally {
    reads.mockRestore();
  }
}

const each = (count: number) => Object.fromEntries(advisers.map((adviser) => [adviser.name, count]));
const only = (reads: Record<string, number>, people: readonly TeamsUser[]) => Object.fromEntries(people.map((person) => [person.name, reads[person.name]]));

describe('adviser preferences read once per delivery job', () => {
  let caseId = '';

  it('reads each adviser once for a new request: the feed notification in their language and their card', async () => {
    ({ caseId } = await requestAnonymously(bot, lotte, 'My supervisor keeps commenting on my body'));
    expect(await preferenceReadsWhileDelivering()).toEqual(each(1));
    // The read that was saved is the one the card needs: each card is in its adviser's own language.
    expect(cardText({ card: new Conversation(bot, femke).proactiveCards().at(-1) })).toContain('Aanvraag');
    expect(cardText({ card: new Conversation(bot, sarah).proactiveCards().at(-1) })).toContain('Request');
  });

  it('reads each adviser once per job when the request escalates: once for the notification, cards and mail, once for the refreshed cards', async () => {
    clock.advanceMinutes(61);
    await bot.app.runSweep();
    expect(await preferenceReadsWhileDelivering()).toEqual(each(2));
  });

  it('reads the colleague once for the offer and once for the cards refreshed beside it, the others once for the refresh', async () => {
    await new Conversation(bot, femke).executes('case.claim', { caseId });
    expect(await preferenceReadsWhileDelivering()).toEqual(each(1));
    await new Conversation(bot, femke).executes('case.handOver', { caseId, handOverTo: sarah.aadObjectId });
    const reads = await preferenceReadsWhileDelivering();
    expect(only(reads, [sarah])).toEqual({ [sarah.name]: 2 });
    expect(only(reads, [femke, joost])).toEqual({ [femke.name]: 1, [joost.name]: 1 });
    expect(cardText({ card: new Conversation(bot, sarah).proactiveCards().at(-1) })).toContain('Take over');
  });
});
