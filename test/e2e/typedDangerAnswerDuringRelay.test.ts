import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * A danger question left open must not swallow what the person writes to their adviser (review 2,
 * stop 29). Once an adviser who has the person's anonymous case has written since the question, a "yes" or "nee"
 * goes to the adviser (`relay`), never to the question (`answer`). Asking for an adviser no longer closes the question
 * (red team, stop 34 #8: a "ja" typed while the request waited got the menu; test/e2e/dangerAnswerWhileRequestWaits.test.ts).
 * Without either, a "yes" to the adviser's "can you talk now?" showed the emergency card, marked the
 * request urgent and restarted the guided flow, and the adviser never got it.
 */
const clock = new TestClock('2026-11-24T10:00:00Z');
const adviser = teamsUser('Hanneke Jacobs', 'nl-NL');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:Hanneke Jacobs` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot.stop();
});

const QUESTION = /Is anyone in immediate danger right now|Is er op dit moment iemand in direct gevaar/;
const EMERGENCY = /Safety first|Veiligheid eerst/;

async function adviserTakesAndAsks(caseId: string): Promise<void> {
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, adviser).executes('case.claim', { caseId });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, adviser).executes('case.reply', { caseId, reply: 'Can you talk now?' });
  await bot.app.outbox.runDueJobs();
  clock.advanceMinutes(2);
}

async function answersTheAdviser(person: TeamsUser, answer: string): Promise<void> {
  const before = new Conversation(bot, adviser).proactiveCards().length;
  const replies = await new Conversation(bot, person).says(answer);
  const shown = replies.map(cardText).join('\n');
  expect(shown).toMatch(/Sent to your adviser|Verstuurd naar je vertrouwenspersoon/);
  expect(shown).not.toMatch(EMERGENCY);
  expect(shown).not.toMatch(/urgent/i);
  expect(replies).toHaveLength(1);
  await bot.app.outbox.runDueJobs();
  const toAdviser = new Conversation(bot, adviser).proactiveCards().slice(before);
  expect(toAdviser.map((card) => cardText({ card })).join('\n')).toContain(answer);
}

describe('a danger question left open, then an adviser in the conversation', () => {
  it('a question left open when the person asked for an adviser: a "yes" after the adviser wrote is relayed to the adviser', async () => {
    const person = teamsUser('Noor Relayed', 'en-GB');
    await new Conversation(bot, person).installs();
    const [question] = await new Conversation(bot, person).says('A colleague threatened a nurse with a knife');
    expect(cardText(question)).toMatch(QUESTION);
    const { caseId } = await requestAdviser(bot, person, { asks: 'I need to talk to a confidential adviser', mode: 'anonymous' });
    expect(await bot.app.store.listPartition('dangerQuestions', 'person')).toHaveLength(1);
    await adviserTakesAndAsks(caseId);
    await answersTheAdviser(person, 'yes');
  });

  it('a question asked while the request waited does not take "yes" or "nee" once an adviser has the case', async () => {
    const person = teamsUser('Daan Wachtend', 'nl-NL');
    await new Conversation(bot, person).installs();
    const { caseId } = await requestAdviser(bot, person, { mode: 'anonymous' });
    // Nobody has the request yet, so the bot answers as usual: the question is asked, and left open.
    const [question] = await new Conversation(bot, person).says('Een patiënt sloeg mijn collega');
    expect(cardText(question)).toMatch(QUESTION);
    await adviserTakesAndAsks(caseId);
    await answersTheAdviser(person, 'nee');
    await answersTheAdviser(person, 'ja');
  });

  it('looks up the case an adviser has once a turn, also when two steps ask (a "help" that could answer the question and is a command word)', async () => {
    const person = teamsUser('Ruben Eenmaal', 'en-GB');
    await new Conversation(bot, person).installs();
    const { caseId } = await requestAdviser(bot, person, { mode: 'anonymous' });
    const [question] = await new Conversation(bot, person).says('A colleague threatened a nurse with a knife');
    expect(cardText(question)).toMatch(QUESTION);
    await adviserTakesAndAsks(caseId);
    const lookups = jest.spyOn(bot.app.handoff, 'relayedCasesOf');
    try {
      const replies = await new Conversation(bot, person).says('help');
      // For the adviser, not the question: the emergency card first (a bare call for help), then "sent to your adviser".
      expect(cardText(replies[0])).toMatch(EMERGENCY);
      expect(replies.map(cardText).join('\n')).toMatch(/Sent to your adviser/);
      expect(lookups).toHaveBeenCalledTimes(1);
    } finally {
      lookups.mockRestore();
    }
  });
});
