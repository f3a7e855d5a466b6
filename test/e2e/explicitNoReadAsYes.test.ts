import type { RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { MARKED_URGENT, personFor, questionWhileRequestWaits, startBotForDangerAnswers, storedCase } from '../support/dangerQuestion';
import { requestAnonymously } from '../support/handoffRequests';
import { teamsUser } from '../support/teamsActivities';

/**
 * Red team, stop 31, finding 6 (fixed: findTypedDangerAnswer, now in src/bot/typedDangerAnswers.ts; this file moved here from test/redteam/). The danger question: a typed answer is a "yes" when it starts with yes / ja OR holds an alarm word
 * anywhere (findTypedDangerAnswer). An explicit no that names what is not needed holds one: "Nee, ik heb geen hulp nodig,
 * het is voorbij", "No, nobody is in danger now, I just need help knowing what to say", "nee geen politie nodig hoor".
 * Each is read as the Yes button. Showing the numbers once more is recall over precision; but a "yes" also marks the
 * person's open request urgent (README: "a 'yes' to 'is anyone in danger right now?' makes it urgent the same way"): the
 * urgent badge, a caseUrgent notification to the advisers, escalation to the backup group after 15 minutes instead of 60,
 * all against the person's own explicit "no". README, the danger question: "a bare no / nee a no"; PRODUCT.md: "The
 * person decides." An answer that starts with no / nee should not be read as a yes because a later word is "help".
 */
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBotForDangerAnswers();
});
afterAll(async () => {
  await bot.stop();
});

describe('an explicit no to "is anyone in danger right now?" that names the help it does not need, wherever its negation stands', () => {
  it.each([
    ['nl-NL', 'Een patiënt sloeg mijn collega', 'Nee, ik heb geen hulp nodig, het is voorbij'],
    ['nl-NL', 'Een patiënt sloeg mijn collega', 'nee geen politie nodig hoor'],
    ['en-GB', 'A colleague threatened a nurse with a knife', 'No, nobody is in danger now, I just need help knowing what to say'],
    // The same no said as English and Dutch usually say it, the negation not right before the alarm word (final review, stop 31, 1).
    ['en-GB', 'A colleague threatened a nurse with a knife', "I don't need help, it is over"],
    ['en-GB', 'A colleague threatened a nurse with a knife', "It's over, I don't need an ambulance"],
    ['nl-NL', 'Een patiënt sloeg mijn collega', 'Hulp is niet nodig, het is voorbij'],
    ['nl-NL', 'Een patiënt sloeg mijn collega', 'ik heb de politie niet nodig'],
    // A no said first in other words, then help asked for what comes next (red team stop 32, 3; this proof moved here from
    // test/redteam/itIsOverReadAsYes.test.ts): the alarm word there is no yes. A negation with only the words of a no beside it.
    ['en-GB', 'A colleague threatened a nurse with a knife', 'Not anymore, but I need help with what to say'],
    ['en-GB', 'A colleague threatened a nurse with a knife', 'Thankfully not, I just need help knowing what to do'],
    ['nl-NL', 'Een patiënt sloeg mijn collega', 'Gelukkig niet, maar ik wil wel graag hulp'],
    ['nl-NL', 'Een patiënt sloeg mijn collega', 'gelukkig niet meer. ik heb hulp nodig bij het gesprek'],
    // That it is over.
    ['nl-NL', 'Een patiënt sloeg mijn collega', 'Het is voorbij, ik zoek hulp bij het melden'],
    ['en-GB', 'A colleague threatened a nurse with a knife', 'He left, I want help writing it down'],
  ])('(%s) leaves the open request as the person sent it: "%s", then "%s"', async (locale, story, answer) => {
    const person = new Conversation(bot, personFor(`Mees Nee ${locale}`, answer, locale));
    const { caseId } = await questionWhileRequestWaits(bot, person, story);

    const replies = await person.says(answer);
    expect(replies.map(cardText).join('\n')).not.toMatch(MARKED_URGENT);
    expect((await storedCase(bot, caseId)).urgent).toBe(false);
  });

  // A negation of something else does not hide the call for help (final review, stop 31): the Yes button, the numbers first.
  it.each([
    ['nl-NL', 'Een patiënt sloeg mijn collega', 'ik voel me niet veilig help'],
    ['en-GB', 'A colleague threatened a nurse with a knife', 'I dont feel safe help'],
    ['nl-NL', 'Een patiënt sloeg mijn collega', 'hij stopt niet help'],
    ['nl-NL', 'Een patiënt sloeg mijn collega', 'niet veilig hulp nodig'],
    ['nl-NL', 'Een patiënt sloeg mijn collega', 'help niet ophangen'],
    // After a no said first, nothing but a call for help; and negated and over together, which say it goes on.
    ['en-GB', 'A colleague threatened a nurse with a knife', 'not now, help!'],
    ['nl-NL', 'Een patiënt sloeg mijn collega', 'niet voorbij, ik heb hulp nodig'],
  ])('(%s) "%s", then "%s" shows the emergency card first', async (locale, story, answer) => {
    const person = new Conversation(bot, personFor(`Mees Onveilig ${locale}`, answer, locale));
    const [question] = await person.says(story);
    expect(cardText(question)).toMatch(/Is anyone in immediate danger right now|Is er op dit moment iemand in direct gevaar/);

    const replies = await person.says(answer);
    expect(cardText(replies[0])).toMatch(/Safety first|Veiligheid eerst/);
  });

  it('asks again, the numbers first, when the no comes with nothing but a call for help ("nee, help!"), and leaves the request as sent', async () => {
    const person = new Conversation(bot, teamsUser('Mees Tegenstrijdig', 'nl-NL'));
    const { caseId } = await requestAnonymously(bot, person.user, 'Ik wil graag even praten.');
    await bot.app.outbox.runDueJobs();
    await person.says('Een patiënt sloeg mijn collega');

    const replies = await person.says('nee, help!');
    const first = cardText(replies[0]);
    expect(first).toMatch(/Is er op dit moment iemand in direct gevaar/);
    expect(first.indexOf('112')).toBeGreaterThanOrEqual(0);
    expect(first.indexOf('112')).toBeLessThan(first.indexOf('Is er op dit moment iemand in direct gevaar'));
    expect((await storedCase(bot, caseId)).urgent).toBe(false);
  });
});
