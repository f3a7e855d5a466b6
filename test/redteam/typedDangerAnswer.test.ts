import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { teamsUser } from '../support/teamsActivities';

/**
 * Red team, stop 29. Safety first: a message whose danger is unclear is answered with "Is anyone
 * in immediate danger right now?" and two buttons. Someone in a hurry, or on a phone, types the
 * answer instead of pressing the button. Typed "yes", "Yes!", "ja" or "help" then gets the welcome
 * menu (no number on it): the question is forgotten. "yes he is still here" / "ja hij is er nog"
 * get the question again instead of the emergency card that the "Yes" button shows.
 */
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

describe('the danger question answered by typing instead of pressing a button', () => {
  it.each([
    ['yes', 'en-GB'],
    ['Yes!', 'en-GB'],
    ['ja', 'nl-NL'],
    ['help', 'en-GB'],
    ['yes he is still here', 'en-GB'],
    ['ja hij is er nog', 'nl-NL'],
  ])('shows the emergency card first when the person types "%s"', async (answer, locale) => {
    const person = new Conversation(bot, teamsUser(`Sam Typed ${answer}`, locale));
    const [question] = await person.says(locale === 'nl-NL' ? 'Een patiënt sloeg mijn collega' : 'A colleague threatened a nurse with a knife');
    // The question itself, as the unclear-danger tests show it.
    expect(cardText(question)).toMatch(/Is anyone in immediate danger right now|Is er op dit moment iemand in direct gevaar/);

    const [first, next] = await person.says(answer);
    // In the language of the message that raised the question, as the "Yes" button shows it.
    expect(cardText(first)).toContain(locale === 'nl-NL' ? 'Veiligheid eerst' : 'Safety first');
    // Then the flow goes on from what that message told, as after the button: the role is the question left.
    expect(cardText(next)).toMatch(/employee, a student or a manager|medewerker, student of leidinggevende/);
  });
});
