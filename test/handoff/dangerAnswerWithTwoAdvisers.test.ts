import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { DANGER_QUESTION, EMERGENCY_CARD, storedCase } from '../support/dangerQuestion';
import type { RequestedAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { relayChoiceButton, startTwoPoolBot, twoOpenRequestsAfterUpgrade } from '../support/twoOpenRequests';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * README, the danger question: once an adviser who has the person's anonymous case has written since the question, a "ja"
 * is theirs; before that it answers the question, and reaches the adviser labelled as that answer. With two open requests
 * whose advisers are of two pools (after the upgrade from unkeyed person keys), typed words go to neither until the person
 * chooses (test/handoff/twoAdvisersThePersonChooses.test.ts), so whether an adviser wrote since the question is asked of
 * both: a "ja" after either adviser wrote may be for either. Before (a known limit, stop 33): only the newer request's
 * adviser was asked, so a "ja" after the research integrity counsellor's question showed the emergency card and marked both
 * requests urgent; and a danger answer sent with the choice card reached the chosen adviser without its label.
 */
const femke = teamsUser('Femke Vertrouwens', 'nl-NL');
const ruth = teamsUser('Ruth Integriteit', 'en-GB');
const clock = new TestClock('2026-11-24T10:00:00Z');
const LABEL = /The requester's answer to the bot's question "Is anyone in immediate danger right now/;
let dataDir = '';
let bot: RunningBot | undefined;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'two-open-danger-'));
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The person's two requests after the upgrade; while both wait, a story raises the danger question; then each adviser
 * claims their own pool's request, and nobody has written yet.
 */
async function questionThenBothClaimed(person: TeamsUser): Promise<{ after: RunningBot; older: RequestedAdviser; newer: RequestedAdviser }> {
  const start = async () => (bot = await startTwoPoolBot(path.join(dataDir, `${person.aadObjectId}.sqlite`), { confidential: femke, integrity: ruth }, clock));
  const { older, newer } = await twoOpenRequestsAfterUpgrade(start, { person, clock });
  const after = await start();
  const [question] = await new Conversation(after, person).says('Een patiënt sloeg mijn collega');
  expect(cardText(question)).toMatch(DANGER_QUESTION);
  clock.advanceMinutes(2);
  await after.app.runSweep();
  await after.app.outbox.runDueJobs();
  await new Conversation(after, femke).executes('case.claim', { caseId: newer.caseId });
  await new Conversation(after, ruth).executes('case.claim', { caseId: older.caseId });
  await after.app.outbox.runDueJobs();
  clock.advanceMinutes(1);
  return { after, older, newer };
}

/** The adviser's cards that hold `words` as a line of their own. */
function adviserCardsWith(after: RunningBot, adviser: TeamsUser, words: string): string[] {
  return new Conversation(after, adviser)
    .proactiveCards()
    .map((card) => cardText({ card }))
    .filter((text) => text.split('\n').includes(words));
}

describe('the danger question answered by typing while two requests of the person have advisers', () => {
  it('after the older request\'s adviser wrote, "ja" may be for her: no emergency card, nothing urgent, the person chooses', async () => {
    const sara = teamsUser('Sara Tweemaal', 'nl-NL');
    const { after, older, newer } = await questionThenBothClaimed(sara);
    await new Conversation(after, ruth).executes('case.reply', { caseId: older.caseId, reply: 'Is the dataset still online?' });
    await after.app.outbox.runDueJobs();
    clock.advanceMinutes(1);

    const replies = await new Conversation(after, sara).says('ja');
    const shown = replies.map(cardText).join('\n');
    expect(shown).not.toMatch(EMERGENCY_CARD);
    expect(shown).toContain('Voor welke aanvraag is dit?');
    expect([(await storedCase(after, older.caseId)).urgent, (await storedCase(after, newer.caseId)).urgent]).toEqual([false, false]);

    const choice = replies.find((reply) => cardText(reply).includes('Voor welke aanvraag is dit?'));
    await new Conversation(after, sara).submits({ ...relayChoiceButton(choice, older.code), relayText: 'ja' }, choice!.id);
    await after.app.outbox.runDueJobs();
    const toRuth = adviserCardsWith(after, ruth, 'ja');
    expect(toRuth).toHaveLength(1);
    expect(toRuth[0]).not.toMatch(LABEL);
    expect(adviserCardsWith(after, femke, 'ja')).toHaveLength(0);
  }, 120_000);

  it('when neither adviser has written since, "ja" answers the question: the emergency card first, and the chosen adviser gets it labelled', async () => {
    const noor = teamsUser('Noor Tweemaal', 'nl-NL');
    const { after, older, newer } = await questionThenBothClaimed(noor);

    const replies = await new Conversation(after, noor).says('ja');
    expect(cardText(replies[0])).toMatch(EMERGENCY_CARD);
    expect([(await storedCase(after, older.caseId)).urgent, (await storedCase(after, newer.caseId)).urgent]).toEqual([true, true]);

    const choice = replies.find((reply) => cardText(reply).includes('Voor welke aanvraag is dit?'));
    await new Conversation(after, noor).submits({ ...relayChoiceButton(choice, older.code), relayText: 'ja' }, choice!.id);
    await after.app.outbox.runDueJobs();
    const toRuth = adviserCardsWith(after, ruth, 'ja');
    expect(toRuth).toHaveLength(1);
    expect(toRuth[0]).toMatch(LABEL);
    expect(adviserCardsWith(after, femke, 'ja')).toHaveLength(0);
  }, 120_000);
});
