import { startBot, type RunningBot } from '../support/botHarness';
import { buttonTitles, cardText, Conversation } from '../support/conversation';
import { teamsUser } from '../support/teamsActivities';

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

describe('a bystander asks what to do, in English', () => {
  it('welcomes the person on install with the four ways in and the emergency numbers', async () => {
    const anna = new Conversation(bot, teamsUser('Anna Jansen', 'en-GB'));
    const [welcome] = await anna.installs();
    expect(cardText(welcome)).toContain('Saw or experienced something that was not OK?');
    expect(cardText(welcome)).toContain('not a formal reporting channel');
    expect(buttonTitles(welcome)).toEqual(
      expect.arrayContaining([
        'I saw or heard something',
        'It happened to me',
        'I was told my behaviour was inappropriate',
        "I'm a manager and received a signal",
        'Talk to a confidential adviser',
        'Code of conduct',
        'E-learning and toolkits',
        'Privacy',
      ]),
    );
    expect(cardText(welcome)).toMatch(/112/);
  });

  it('walks the guided flow from the welcome card to guidance, with back and start over', async () => {
    const bram = new Conversation(bot, teamsUser('Bram de Wit', 'en-US'));
    await bram.says('hello');
    let replies = await bram.clicks('I saw or heard something');
    expect(cardText(replies[0])).toContain('What kind of behaviour is it about?');

    replies = await bram.clicks('Bullying and exclusion');
    expect(cardText(replies[0])).toContain('immediate danger');
    replies = await bram.clicks('Back');
    expect(cardText(replies[0])).toContain('What kind of behaviour is it about?');
    replies = await bram.clicks('Bullying and exclusion');
    replies = await bram.clicks('No, not right now');
    expect(cardText(replies[0])).toContain('employee, a student or a manager');

    replies = await bram.clicks('Employee');
    const guidance = replies[0];
    expect(cardText(guidance)).toContain('What you can do');
    expect(cardText(guidance)).toContain('Things you could say');
    expect(buttonTitles(guidance)).toEqual(
      expect.arrayContaining(['This helped', 'This did not help', 'Talk to an adviser', 'Start over']),
    );

    replies = await bram.clicks('Start over');
    expect(cardText(replies[0])).toContain('What is your situation?');
  });
});

describe('een omstander vraagt wat te doen, in het Nederlands', () => {
  it('answers an urgent message with the emergency card first', async () => {
    const sanne = new Conversation(bot, teamsUser('Sanne Bakker', 'nl-NL'));
    const replies = await sanne.says('Er wordt nu iemand geslagen op de SEH');
    expect(cardText(replies[0])).toContain('Veiligheid eerst');
    expect(cardText(replies[0])).toContain('112');
    expect(replies.length).toBeGreaterThan(1);
  });
});
