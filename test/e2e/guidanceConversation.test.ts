import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, buttonTitles, cardText, Conversation } from '../support/conversation';
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
        "I'm a manager and someone raised a concern",
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
    expect(cardText(guidance)).toContain('Things you could say');
    expect(buttonTitles(guidance)).toEqual(
      expect.arrayContaining(['This helped', 'This did not help', 'Talk to a confidential adviser', 'Start over']),
    );

    replies = await bram.clicks('Back');
    expect(cardText(replies[0])).toContain('What kind of behaviour is it about?');
    replies = await bram.clicks('Aggression and violence');
    replies = await bram.clicks('No, not right now');
    // The role was asked once and is remembered; the guidance is now about the corrected situation.
    expect(cardText(replies[0])).toContain('Things you could say');
    expect(cardText(replies[0])).toContain('Aggression and violence');
    expect(cardText(replies[0])).not.toContain('Bullying and exclusion');

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

describe('free text skips what it already tells', () => {
  it('goes from a described situation straight to the danger question, then to guidance', async () => {
    const iris = new Conversation(bot, teamsUser('Iris Hoekstra', 'en-GB'));
    const [question] = await iris.says('My colleague keeps making sexual remarks to the new intern, should I say something?');
    expect(cardText(question)).toContain('I understood');
    expect(cardText(question)).toContain('immediate danger');
    await iris.clicks('No, not right now');
    const [guidance] = await iris.clicks('Student');
    expect(cardText(guidance)).toContain('Sexual harassment');
    expect(cardText(guidance)).toContain('Things you could say');
  });

  it('asks everything it could not tell from a vague message, topics included', async () => {
    const joost = new Conversation(bot, teamsUser('Joost Kramer', 'nl-NL'));
    const [perspective] = await joost.says('Er gebeurt iets vervelends in mijn team');
    expect(cardText(perspective)).toContain('Wat is jouw situatie?');
    const [topic] = await joost.clicks('Ik zag of hoorde iets');
    expect(cardText(topic)).toContain('Om wat voor gedrag gaat het?');
    expect(buttonTitles(topic)).toEqual(expect.arrayContaining(['Pesten en buitensluiten', 'Seksuele intimidatie', 'Discriminatie']));
  });

  it('offers the likely topics as buttons when it is unsure which situation it is', async () => {
    const roos = new Conversation(bot, teamsUser('Roos Verbeek', 'en-GB'));
    const [question] = await roos.says('My manager behaves strangely towards me');
    expect(cardText(question)).toContain('This seems to be about one of these. Which one fits best?');
    expect(buttonTitles(question)).toEqual(expect.arrayContaining(['Abuse of power', 'Something else']));
    const [all] = await roos.clicks('Something else');
    expect(buttonTitles(all)).toEqual(expect.arrayContaining(['Bullying and exclusion', 'Discrimination', 'Research integrity']));
  });

  it('still offers the likely topics after asking the perspective first', async () => {
    const sem = new Conversation(bot, teamsUser('Sem Jacobs', 'en-GB'));
    const [perspective] = await sem.says('Something is going on with my supervisor');
    expect(cardText(perspective)).toContain('What is your situation?');
    const [topic] = await sem.clicks('It happened to me');
    expect(cardText(topic)).toContain('Which one fits best?');
    expect(buttonTitles(topic)).toEqual(expect.arrayContaining(['Abuse of power', 'Something else']));
  });

  it('shows the emergency card first when someone answers that there is danger now', async () => {
    const kees = new Conversation(bot, teamsUser('Kees Dijkstra', 'en-GB'));
    await kees.says('menu');
    await kees.clicks('It happened to me');
    await kees.clicks('Aggression and violence');
    const replies = await kees.clicks('Yes, there is danger now');
    expect(cardText(replies[0])).toContain('Safety first');
    expect(cardText(replies[0])).toContain('112');
    expect(replies.length).toBe(2);
  });

  it('sends integrity questions to the research-integrity route', async () => {
    const lieke = new Conversation(bot, teamsUser('Lieke Willems', 'en-GB'));
    await lieke.says('menu');
    await lieke.clicks('I saw or heard something');
    await lieke.clicks('Research integrity');
    await lieke.clicks('No, not right now');
    const [guidance] = await lieke.clicks('Employee');
    const links = allActions(guidance.card!).map((action) => action.url).filter(Boolean);
    expect(links).toContain('https://intranet.umc.example/en/research/research-integrity/complaints-procedure');
    expect(links).toContain('https://intranet.umc.example/en/research/research-integrity');
    expect(links).not.toContain('https://intranet.umc.example/en/social-safety/report');
  });
});

describe('the other ways in', () => {
  it.each([
    ['code of conduct', 'Code of conduct'],
    ['Hoe kan ik een melding maken?', 'Melden en klachten'],
    ['training', 'E-learning and toolkits'],
    ['privacy', "Privacy: what I keep and what I don't"],
  ])('answers "%s" with its own card', async (text, title) => {
    const replies = await new Conversation(bot, teamsUser('Mila Jacobs', 'en-GB')).says(text);
    expect(cardText(replies[0])).toContain(title);
  });

  it('welcomes a person whose Teams runs in Dutch in Dutch, and thanks them for feedback', async () => {
    const noor = new Conversation(bot, teamsUser('Noor de Graaf', 'nl-NL'));
    const [welcome] = await noor.installs();
    expect(cardText(welcome)).toContain('Iets gezien of meegemaakt dat niet oké was?');
    await noor.clicks('Ik zag of hoorde iets');
    await noor.clicks('Pesten en buitensluiten');
    await noor.clicks('Nee, nu niet');
    const [guidance] = await noor.clicks('Medewerker');
    expect(buttonTitles(guidance)).toEqual(expect.arrayContaining(['Dit hielp', 'Dit hielp niet']));
    const [thanks] = await noor.clicks('Dit hielp niet');
    expect(cardText(thanks)).toContain('Je kunt samen met een vertrouwenspersoon over jouw situatie nadenken.');
  });
});
