import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { DANGER_QUESTION, storedCase } from '../support/dangerQuestion';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Red team, stop 33, finding 4. README, the danger question: "yes shows the emergency card ..., pressed or typed (for ten
 * minutes, in that chat ...)", and a yes marks the person's open request urgent. While their anonymous request waits for
 * its first adviser the bot answers as usual, so a message there can raise the question. An adviser who claims the request
 * before the person answers has written nothing the answer could be for: a typed "ja" is still the question's (the
 * emergency card first, the request marked urgent), and it reaches the adviser too, labelled as the answer to that
 * question (they never saw it). Before: relayed as a bare "ja", no emergency card, the request not urgent. Once the
 * adviser has written, a "ja" is theirs (test/e2e/typedDangerAnswerDuringRelay.test.ts).
 */
const clock = new TestClock('2026-11-24T10:00:00Z');
const adviser = teamsUser('Ria Adviseur', 'nl-NL');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:${adviser.name}` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot.stop();
});

const LABEL = /Het antwoord van de aanvrager op de vraag van de bot "Is er op dit moment iemand in direct gevaar/;

/** The person's request waits, a story raises the question, an adviser claims the request and writes nothing. */
async function questionThenClaim(name: string, locale: string, story: string): Promise<{ person: Conversation; caseId: string; code: string }> {
  const person = new Conversation(bot, teamsUser(name, locale));
  const { caseId, code } = await requestAnonymously(bot, person.user, 'Ik wil graag even praten.');
  await bot.app.outbox.runDueJobs();
  const [question] = await person.says(story);
  expect(cardText(question)).toMatch(DANGER_QUESTION);
  await new Conversation(bot, adviser).executes('case.claim', { caseId });
  await bot.app.outbox.runDueJobs();
  clock.advanceMinutes(1);
  return { person, caseId, code };
}

function adviserCardsWith(words: string): string[] {
  return new Conversation(bot, adviser)
    .proactiveCards()
    .map((card) => cardText({ card }))
    .filter((text) => text.split('\n').includes(words));
}

describe('the danger question raised while the request waited, answered by typing after an adviser claimed it', () => {
  it.each([
    ['nl-NL', 'Een patiënt sloeg mijn collega', 'ja'],
    ['nl-NL', 'Een patiënt sloeg mijn collega', 'ja hij is er nog'],
    ['en-GB', 'A colleague threatened a nurse with a knife', 'yes he is still here'],
  ])('(%s) "%s", claimed, then "%s": the emergency card first, the request urgent, the adviser told what it answers', async (locale, story, answer) => {
    const { person, caseId, code } = await questionThenClaim(`Fenna Geclaimd ${[...answer].map((c) => c.codePointAt(0)).join('-')}`, locale, story);

    const replies = await person.says(answer);
    expect(cardText(replies[0])).toMatch(/Safety first|Veiligheid eerst/);
    expect((await storedCase(bot, caseId)).urgent).toBe(true);
    const shown = replies.map(cardText).join('\n');
    expect(shown).toContain(code);
    expect(shown).toMatch(/Sent to your adviser|Verstuurd naar je vertrouwenspersoon/);
    await bot.app.outbox.runDueJobs();
    // The adviser (Dutch) gets the words once, under the line that says which question they answer.
    const toAdviser = adviserCardsWith(answer);
    expect(toAdviser).toHaveLength(1);
    expect(toAdviser[0]).toMatch(LABEL);
  });

  it('(nl-NL) "nee" after the claim: the question\'s no (nothing urgent), and the adviser gets it labelled too', async () => {
    const { person, caseId } = await questionThenClaim('Sanne Nee', 'nl-NL', 'Een patiënt sloeg mijn collega');
    const replies = await person.says('nee');
    const shown = replies.map(cardText).join('\n');
    expect(shown).not.toMatch(/Veiligheid eerst/);
    expect(shown).toMatch(/Verstuurd naar je vertrouwenspersoon/);
    expect((await storedCase(bot, caseId)).urgent).toBe(false);
    await bot.app.outbox.runDueJobs();
    const toAdviser = adviserCardsWith('nee');
    expect(toAdviser).toHaveLength(1);
    expect(toAdviser[0]).toMatch(LABEL);
  });

  it('once the adviser has written since the question, "ja" is theirs: relayed as it is, nothing marked', async () => {
    const { person, caseId } = await questionThenClaim('Joris Daarna', 'nl-NL', 'Een patiënt sloeg mijn collega');
    await new Conversation(bot, adviser).executes('case.reply', { caseId, reply: 'Zullen we morgen bellen?' });
    await bot.app.outbox.runDueJobs();
    clock.advanceMinutes(1);
    const before = adviserCardsWith('ja').length;
    const replies = await person.says('ja');
    expect(replies.map(cardText).join('\n')).not.toMatch(/Veiligheid eerst/);
    expect((await storedCase(bot, caseId)).urgent).toBe(false);
    await bot.app.outbox.runDueJobs();
    const toAdviser = adviserCardsWith('ja').slice(before);
    expect(toAdviser).toHaveLength(1);
    expect(toAdviser[0]).not.toMatch(LABEL);
  });
});
