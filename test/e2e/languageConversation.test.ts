import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation } from '../support/conversation';
import { teamsUser } from '../support/teamsActivities';

/**
 * The language follows the person: a language they chose sticks; otherwise each message is
 * answered in its own language, buttons in the language last written in, else the Teams locale.
 * The emergency card is always in the language of the message that raised it.
 */

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

describe('each message is answered in its own language', () => {
  it('answers an English message after a Dutch one in English (Teams in English)', async () => {
    const daan = new Conversation(bot, teamsUser('Daan Visser', 'en-GB'));
    const [dutch] = await daan.says('Mijn collega wordt steeds buitengesloten door het team, wat moet ik doen?');
    expect(cardText(dutch)).toContain('Is er op dit moment iemand in direct gevaar');

    const [english] = await daan.says('My colleague keeps making sexual remarks to the new intern, what should I do?');
    expect(cardText(english)).toContain('Is anyone in immediate danger right now');
    expect(cardText(english)).not.toContain('gevaar');
  });

  it('shows the emergency card in English for an English message right after a Dutch question', async () => {
    const femke = new Conversation(bot, teamsUser('Femke Mulder', 'en-GB'));
    const [dutch] = await femke.says('Hoe kan ik een melding maken over mijn leidinggevende?');
    expect(cardText(dutch)).toContain('Melden');

    const replies = await femke.says('someone is threatening a colleague with a knife right now');
    expect(cardText(replies[0])).toContain('Safety first');
    expect(cardText(replies[0])).toContain('Do not put yourself in danger');
    expect(cardText(replies[0])).not.toContain('Veiligheid eerst');
  });

  it('answers buttons in the language last written in, not the Teams locale', async () => {
    const lotte = new Conversation(bot, teamsUser('Lotte Smit', 'nl-NL'));
    const [question] = await lotte.says('My manager keeps shouting at me in front of patients, what should I do?');
    expect(cardText(question)).toContain('Is anyone in immediate danger right now');
    const [role] = await lotte.clicks('No, not right now');
    expect(cardText(role)).toContain('employee, a student or a manager');
    const [guidance] = await lotte.clicks('Employee');
    expect(cardText(guidance)).toContain('Things you could say');
  });

  it('keeps the language of the conversation for a message that does not tell its own', async () => {
    const bas = new Conversation(bot, teamsUser('Bas Koster', 'en-GB'));
    await bas.says('Ik zag dat een collega werd uitgelachen om haar afkomst, wat kan ik doen?');
    // "privacy" is a command word of both languages and carries no language evidence: the last language used answers.
    const [card] = await bas.says('privacy');
    expect(cardText(card)).toContain('wat ik bewaar');
  });
});

describe('a typed command is answered in the language of its word (red team, stop 34 #2: the language last written in answered)', () => {
  // Before each: a question about reporting, which asks nothing about danger, in the other language.
  it.each([
    ['forget me', 'nl-NL', 'Hoe kan ik een melding maken over mijn leidinggevende?', 'Forget me'],
    ['code of conduct', 'nl-NL', 'Hoe kan ik een melding maken over mijn leidinggevende?', 'Code of conduct'],
    ['what should I do', 'nl-NL', 'Hoe kan ik een melding maken over mijn leidinggevende?', 'Step 1 of'],
    ['cancel reminder', 'nl-NL', 'Hoe kan ik een melding maken over mijn leidinggevende?', 'You have no reminder set'],
    ['vergeet mij', 'en-GB', 'How can I report my supervisor?', 'Vergeet mij'],
    ['gedragscode', 'en-GB', 'How can I report my supervisor?', 'Gedragscode'],
    ['schrijf het op', 'en-GB', 'How can I report my supervisor?', 'Schrijf het op'],
    ['mijn aanvraag', 'en-GB', 'How can I report my supervisor?', 'Je hebt geen lopende aanvraag'],
  ])('"%s" (Teams in %s, after a message in the other language)', async (command, teamsLocale, before, ownLanguage) => {
    const person = new Conversation(bot, teamsUser(`Command Writer ${teamsLocale}`, teamsLocale));
    await person.says(before);
    const [answer] = await person.says(command);
    expect(cardText(answer)).toContain(ownLanguage);
  });

  it('keeps the buttons that follow in the command\'s language, and a chosen language wins', async () => {
    const iris = new Conversation(bot, teamsUser('Iris de Wit', 'nl-NL'));
    await iris.says('Hoe kan ik een melding maken over mijn leidinggevende?');
    await iris.says('what should I do');
    const [next] = await iris.clicks('I saw or heard something');
    expect(cardText(next)).toMatch(/Step \d of \d/);

    await iris.says('taal');
    const [chosen] = await iris.says('forget me');
    expect(cardText(chosen)).toContain('Vergeet mij');
  });
});

describe('a short message is answered in its own language, whatever the Teams locale (words common to both count for neither)', () => {
  // "is", "me" and "manager" are everyday words in both languages; the other words tell the language.
  it.each([
    ['Mijn manager is boos', 'en-GB', /Stap \d van \d/],
    ['De manager is agressief', 'en-GB', /Stap \d van \d/],
    ['Mijn manager is racistisch', 'en-GB', /Stap \d van \d/],
    ['mn manager is echt gemeen tegen me', 'en-GB', /Stap \d van \d/],
    ['manager is nie aardig', 'en-GB', /Stap \d van \d/],
    ['My manager is angry', 'nl-NL', /Step \d of \d/],
    ['my manager is rly mean to me', 'nl-NL', /Step \d of \d/],
    ['idk what to do, manager is yelling', 'nl-NL', /Step \d of \d/],
    ['she is mean to me', 'nl-NL', /Step \d of \d/],
  ])('"%s" (Teams in %s)', async (text, teamsLocale, ownLanguage) => {
    const person = new Conversation(bot, teamsUser(`Short Writer ${teamsLocale}`, teamsLocale));
    const [answer] = await person.says(text);
    expect(cardText(answer)).toMatch(ownLanguage);
  });
});

describe('a language the person chose sticks', () => {
  it('keeps answering in the chosen language, but shows the emergency card in the language of the message', async () => {
    const sara = new Conversation(bot, teamsUser('Sara Hendriks', 'en-GB'));
    const [switched] = await sara.says('taal');
    expect(cardText(switched)).toContain('Ik praat vanaf nu Nederlands');

    const [question] = await sara.says('My colleague keeps making sexual remarks to the new intern, what should I do?');
    expect(cardText(question)).toContain('Is er op dit moment iemand in direct gevaar');

    const replies = await sara.says('someone is threatening a colleague with a knife right now');
    expect(cardText(replies[0])).toContain('Safety first');
    // After the emergency card, the conversation goes on in the chosen language.
    expect(cardText(replies[1])).toMatch(/^Stap \d van \d/);

    const [english] = await sara.says('language');
    expect(cardText(english)).toContain('I will speak English from now on');
    const [again] = await sara.says('Mijn collega wordt steeds buitengesloten door het team, wat moet ik doen?');
    expect(cardText(again)).toContain('Is anyone in immediate danger right now');
  });
});

describe('a pressed "yes" to the danger question shows the emergency card in the language of the message that raised it (red team, stop 34 #7: the language last written in, or the chosen one)', () => {
  it('in Dutch for a Dutch message, though English was written since', async () => {
    const ruben = new Conversation(bot, teamsUser('Ruben Wissel', 'en-GB'));
    const [question] = await ruben.says('Mijn collega wordt steeds buitengesloten door het team, wat moet ik doen?');
    expect(cardText(question)).toContain('Is er op dit moment iemand in direct gevaar');
    await ruben.says('How can I report my supervisor?');
    const yes = allActions(question!.card!).find((action) => action.data?.verb === 'flow.answer' && action.data?.answer === 'yes')!;
    const [emergency] = await ruben.submits(yes.data, question!.id);
    expect(cardText(emergency)).toContain('Breng jezelf niet in gevaar');
  });

  it('in English for an English message, though Dutch was chosen (as a typed "yes" shows it)', async () => {
    const ilse = new Conversation(bot, teamsUser('Ilse Gekozen', 'en-GB'));
    await ilse.says('taal');
    const [question] = await ilse.says('My colleague keeps making sexual remarks to the new intern, what should I do?');
    expect(cardText(question)).toContain('Is er op dit moment iemand in direct gevaar');
    const [emergency] = await ilse.clicks('Ja, er is nu gevaar');
    expect(cardText(emergency)).toContain('Do not put yourself in danger');
  });
});
