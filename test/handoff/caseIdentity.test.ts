import { createHash } from 'node:crypto';
import { startBot, type RunningBot } from '../support/botHarness';
import { Conversation } from '../support/conversation';
import { openConsent, sendRequestValue } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { cardSubmitActivity, teamsUser } from '../support/teamsActivities';
import { postToBot } from '../support/postToBot';
import type { RequestOutcome } from '../../src/handoff/handoffService';

/**
 * Case ids are random: an adviser holding a card cannot test colleagues' ids against it. A
 * confirmation that Teams re-sends still finds the one case it created.
 */

const clock = new TestClock('2026-11-24T10:00:00Z');
const femke = teamsUser('Femke Visser', 'nl-NL');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${femke.aadObjectId}:Femke Visser` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, femke).installs();
});
afterAll(async () => {
  await bot.stop();
});

const post = (activity: object) => postToBot(bot, activity);

describe('case ids', () => {
  it('creates one case for a confirmation Teams sends three times, and its id cannot be recomputed from the person\'s ids', async () => {
    const noor = teamsUser('Noor Hendriks', 'en-GB');
    const { sendRequest } = await openConsent(bot, noor);
    const confirm = cardSubmitActivity(noor, bot.connector.url, sendRequestValue(sendRequest));
    const responses = [...(await Promise.all([post(confirm), post(confirm)])), await post(confirm)];
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);

    const own = await bot.app.handoff.findOwnCase(bot.app.services.personKeys.keyFor(noor.aadObjectId));
    expect(own.outcome).toBe('found');
    const caseId = own.outcome === 'found' ? own.handoffCase.id : '';
    const cases = await bot.app.store.listPartition('cases', 'case');
    expect(cases.filter((row) => JSON.stringify(row.value).includes(bot.app.services.personKeys.keyFor(noor.aadObjectId)))).toHaveLength(1);
    expect(caseId).toMatch(/^[0-9a-f]{32}$/);

    // What the old scheme derived, and its obvious variants, are nowhere in the case, the card or any row.
    const key = bot.app.services.personKeys.keyFor(noor.aadObjectId);
    const candidates = [`${key}:${confirm.id}`, `${noor.aadObjectId}:${confirm.id}`, key, noor.aadObjectId].map((input) =>
      createHash('sha256').update(input).digest('hex').slice(0, 32),
    );
    expect(candidates).not.toContain(caseId);
    await bot.app.outbox.runDueJobs();
    const card = JSON.stringify(new Conversation(bot, femke).proactiveCards());
    expect(card).toContain(caseId);
    for (const candidate of candidates) expect(card).not.toContain(candidate);
    const markers = JSON.stringify(await bot.app.store.listPartition('cases', 'request'));
    for (const candidate of [...candidates, confirm.id, key]) expect(markers).not.toContain(candidate);
  });

  it('maps two copies of one confirmation handled at the same moment to one case, and two requests to two ids', async () => {
    const key = bot.app.services.personKeys.keyFor(teamsUser('Bas Vos', 'nl-NL').aadObjectId);
    const request = {
      requestId: 'activity-1',
      requester: { personKey: key },
      mode: 'anonymous' as const,
      locale: 'nl' as const,
      topic: 'bullying' as const,
      perspective: 'witness' as const,
      urgent: false,
      contactPreference: 'teams-chat' as const,
      message: null,
    };
    const [first, second] = await Promise.all([bot.app.handoff.requestAdvice(request), bot.app.handoff.requestAdvice(request)]);
    expect(caseIdOf(first)).toBe(caseIdOf(second));
    expect([first.outcome, second.outcome]).toEqual(['created', 'created']);
    expect(caseIdOf(await bot.app.handoff.requestAdvice(request))).toBe(caseIdOf(first));
    await bot.app.handoff.cancelRequest(key, caseIdOf(first));
    const next = await bot.app.handoff.requestAdvice({ ...request, requestId: 'activity-2' });
    expect(next.outcome).toBe('created');
    expect(caseIdOf(next)).not.toBe(caseIdOf(first));
  });

  it('keeps the re-send marker a day, then removes it in the sweep', async () => {
    expect((await bot.app.store.listPartition('cases', 'request')).length).toBeGreaterThan(0);
    clock.advanceDays(2);
    await bot.app.runSweep();
    expect(await bot.app.store.listPartition('cases', 'request')).toHaveLength(0);
  });
});

/** The case a request went to; a request refused for the limit of new requests has none. */
function caseIdOf(result: RequestOutcome): string {
  if (result.outcome === 'tooMany') throw new Error('the request was refused for the limit of new requests');
  return result.handoffCase.id;
}
