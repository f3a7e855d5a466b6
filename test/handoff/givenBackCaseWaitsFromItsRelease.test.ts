import type { HandoffCase } from '../../src/handoff/handoffCase';
import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation, type Card } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * A case back in the pool waits for an adviser from its release: escalation and expiry run from that
 * moment (`waitingSince`), not from the request. Red team 2, stop 33, finding 1: "An adviser who can no longer handle a case loses it … the case goes back to
 * the pool: the other advisers' cards show Claim again, they are notified again, and the requester
 * is told"; "Give back to the pool returns a claimed case to the pool"; "Never lose a request".
 * The sweep expires every waiting case whose `createdAt` is older than EXPIRE_AFTER_DAYS (14), and a
 * release keeps `createdAt`. A conversation with an adviser that has run two weeks (normal for a
 * confidential adviser) and then goes back to the pool (the adviser gives it back before leave, is
 * removed from the group, or the person asks for another adviser) is closed as expired by the next
 * sweep, a minute later: the person reads "Nobody could take your request in time", and the
 * colleague who was just asked to take it over finds it closed.
 */
const marloes = teamsUser('Marloes Dekker', 'nl-NL');
const gerrit = teamsUser('Gerrit Post', 'nl-NL');
const lieke = teamsUser('Lieke Smeets', 'en-GB');

function verbs(card: Card | undefined): string[] {
  return ((card?.actions ?? []) as Card[]).filter((action) => action.type === 'Action.Execute').map((action) => action.verb);
}

async function ownCase(bot: RunningBot, person: TeamsUser, caseId: string): Promise<HandoffCase> {
  const found = await bot.app.handoff.findOwnCase(bot.app.services.personKeys.keyFor(person.aadObjectId), caseId);
  if (found.outcome !== 'found') throw new Error('the requester has no such case');
  return found.handoffCase;
}

describe('a case given back to the pool after two weeks with its adviser', () => {
  const clock = new TestClock('2026-11-24T09:00:00Z');
  let bot: RunningBot;
  let caseId = '';
  let code = '';

  beforeAll(async () => {
    bot = await startBot(
      { LOCAL_ADVISORS: `${marloes.aadObjectId}:${marloes.name};${gerrit.aadObjectId}:${gerrit.name}` },
      { clock, runBackgroundWork: false },
    );
    for (const advisor of [marloes, gerrit]) await new Conversation(bot, advisor).installs();
    ({ caseId, code } = await requestAdviser(bot, lieke, { asks: 'talk', mode: 'anonymous', message: 'My supervisor keeps making remarks about my accent' }));
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, marloes).executes('case.claim', { caseId });
    await bot.app.outbox.runDueJobs();
    // Two weeks of conversation: the person and the adviser write every few days.
    for (let day = 0; day < 15; day += 3) {
      clock.advanceDays(3);
      await new Conversation(bot, lieke).says('Thank you, I talked to him again today.');
      await new Conversation(bot, marloes).executes('case.reply', { caseId, reply: 'Good to hear. How did it go?' });
      await bot.app.runSweep();
      await bot.app.outbox.runDueJobs();
    }
    expect((await ownCase(bot, lieke, caseId)).status).toBe('claimed');
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
  });

  it('stays with the pool for a colleague to claim, and the person is not told it could not be taken in time', async () => {
    // Marloes goes on leave and gives the case back to the pool.
    await new Conversation(bot, marloes).executes('case.release', { caseId });
    await bot.app.outbox.runDueJobs();
    clock.advanceMinutes(1);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();

    const told = new Conversation(bot, lieke).proactiveCards().map((card) => cardText({ card }));
    expect(told.join('\n')).not.toContain(`Nobody could take your request ${code} in time`);
    expect((await ownCase(bot, lieke, caseId)).status).toBe('notified');
    const card = await new Conversation(bot, gerrit).executes('case.refresh', { caseId });
    expect(verbs(card)).toEqual(['case.claim']);
  });

  it('expires only when it has waited EXPIRE_AFTER_DAYS since the release, and then tells the person', async () => {
    clock.advanceDays(14);
    clock.advanceMinutes(-2);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    expect((await ownCase(bot, lieke, caseId)).status).toBe('notified');
    clock.advanceMinutes(1);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();
    expect((await ownCase(bot, lieke, caseId)).status).toBe('expired');
    const told = new Conversation(bot, lieke).proactiveCards().map((card) => cardText({ card }));
    expect(told.join('\n')).toContain(`Nobody could take your request ${code} in time`);
  });
});

describe('a case the person moves to another adviser after two weeks', () => {
  const clock = new TestClock('2026-11-24T09:00:00Z');
  const joris = teamsUser('Joris Bakker', 'nl-NL');
  let bot: RunningBot;

  beforeAll(async () => {
    bot = await startBot(
      { LOCAL_ADVISORS: [marloes, gerrit, joris].map((advisor) => `${advisor.aadObjectId}:${advisor.name}`).join(';') },
      { clock, runBackgroundWork: false },
    );
    for (const advisor of [marloes, gerrit, joris]) await new Conversation(bot, advisor).installs();
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
  });

  it('stays with the rest of the pool for a colleague to claim', async () => {
    const { caseId, code } = await requestAdviser(bot, lieke, { asks: 'talk', mode: 'anonymous', message: 'My supervisor keeps making remarks about my accent' });
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, marloes).executes('case.claim', { caseId });
    await bot.app.outbox.runDueJobs();
    for (let day = 0; day < 15; day += 3) {
      clock.advanceDays(3);
      await new Conversation(bot, lieke).says('We talked again.');
      await new Conversation(bot, marloes).executes('case.reply', { caseId, reply: 'Thank you for telling me.' });
      await bot.app.runSweep();
      await bot.app.outbox.runDueJobs();
    }
    await new Conversation(bot, lieke).submits({ verb: 'handoff.anotherAdviser', caseId });
    await bot.app.outbox.runDueJobs();
    clock.advanceMinutes(1);
    await bot.app.runSweep();
    await bot.app.outbox.runDueJobs();

    expect((await ownCase(bot, lieke, caseId)).status).toBe('notified');
    const told = new Conversation(bot, lieke).proactiveCards().map((card) => cardText({ card }));
    expect(told.join('\n')).not.toContain(`Nobody could take your request ${code} in time`);
    expect(verbs(await new Conversation(bot, gerrit).executes('case.refresh', { caseId }))).toEqual(['case.claim']);
  });
});
