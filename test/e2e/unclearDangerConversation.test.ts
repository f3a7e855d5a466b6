import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, buttonTitles, cardText, Conversation, type BotReply } from '../support/conversation';
import { teamsUser } from '../support/teamsActivities';

/**
 * An unclear danger level: violence, weapons, threats or self-harm words whose time or
 * seriousness the text leaves open. The first reply is the danger question with the emergency
 * numbers and call buttons above it; yes shows the emergency card, no goes on to the guidance
 * without asking again.
 */

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

/** The call buttons on a card: tap-to-call links. */
function callButtons(reply: BotReply): string[] {
  return reply.card ? allActions(reply.card).filter((action) => String(action.url ?? '').startsWith('tel:')).map((action) => action.url) : [];
}

/** Asserts the numbers stand above the question on the card, in reading order. */
function expectNumbersAbove(reply: BotReply, question: string): void {
  const text = cardText(reply);
  expect(text).toContain(question);
  expect(text).toContain('112');
  expect(text.indexOf('112')).toBeLessThan(text.indexOf(question));
  expect(callButtons(reply)).toEqual(expect.arrayContaining(['tel:112']));
}

describe('a message whose danger is unclear', () => {
  it('is answered first with the danger question, the numbers and call buttons above it', async () => {
    const eva = new Conversation(bot, teamsUser('Eva de Boer', 'en-GB'));
    const replies = await eva.says('A colleague threatened a nurse with a knife');
    expect(replies).toHaveLength(1);
    expectNumbersAbove(replies[0]!, 'Is anyone in immediate danger right now');
    expect(cardText(replies[0])).not.toContain('Safety first');
    expect(buttonTitles(replies[0]!)).toEqual(expect.arrayContaining(['Yes, there is danger now', 'No, not right now', 'Start over']));
    // Nothing to go back to: the danger question came before every other one.
    expect(buttonTitles(replies[0]!)).not.toContain('Back');
  });

  it('shows the emergency card when the answer is yes, then goes on with what the message told', async () => {
    const tim = new Conversation(bot, teamsUser('Tim Bos', 'en-GB'));
    await tim.says('A colleague threatened a nurse with a knife');
    const replies = await tim.clicks('Yes, there is danger now');
    expect(cardText(replies[0])).toContain('Safety first');
    expect(callButtons(replies[0]!)).toEqual(expect.arrayContaining(['tel:112']));
    // The topic and perspective came from the message; the role is the one question left.
    expect(cardText(replies[1])).toContain('employee, a student or a manager');
    const [guidance] = await tim.clicks('Employee');
    expect(cardText(guidance)).toContain('Aggression and violence');
    expect(cardText(guidance)).toContain('Things you could say');
  });

  it('goes on to the guidance when the answer is no, without asking about danger again', async () => {
    const ilse = new Conversation(bot, teamsUser('Ilse Peters', 'en-GB'));
    await ilse.says('A colleague threatened a nurse with a knife');
    const [role] = await ilse.clicks('No, not right now');
    expect(cardText(role)).not.toContain('Safety first');
    expect(cardText(role)).toContain('employee, a student or a manager');
    const [guidance] = await ilse.clicks('Employee');
    expect(cardText(guidance)).toContain('Things you could say');
    expect(cardText(guidance)).not.toContain('Is anyone in immediate danger');
  });

  it('asks in Dutch for a Dutch message, numbers first', async () => {
    const jan = new Conversation(bot, teamsUser('Jan Meijer', 'en-GB'));
    const [question] = await jan.says('Een patiënt sloeg mijn collega');
    expectNumbersAbove(question!, 'Is er op dit moment iemand in direct gevaar');
    const [role] = await jan.clicks('Nee, nu niet');
    expect(cardText(role)).toContain('medewerker, student of leidinggevende');
  });

  it('asks about danger first for a request to talk too, then shows what was asked for', async () => {
    const nina = new Conversation(bot, teamsUser('Nina Vos', 'en-GB'));
    // A weapon whose time the text leaves open: `unclear` by the rules, whatever the model says (a story in past
    // grammar, "a colleague hit me", the model may settle as over).
    const replies = await nina.says('I want to talk to an adviser, a colleague carries a knife at work');
    expectNumbersAbove(replies[0]!, 'Is anyone in immediate danger right now');
    expect(replies.length).toBeGreaterThan(1);
    expect(buttonTitles(replies[1]!)).toContain('Send request');
  });
});
