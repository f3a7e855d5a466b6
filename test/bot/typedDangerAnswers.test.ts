import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROUTES } from '../../src/bot/routes';
import { findTypedDangerAnswer as findWithWords, readAsCallForHelp } from '../../src/bot/typedDangerAnswers';
import type { Classification } from '../../src/guidance/classifier';
import { typedDangerAnswersSchema } from '../../src/content/contentSchema';
import { loadContent } from '../../src/content/loadContent';
import { LOCALES } from '../../src/guidance/vocabulary';

const { typedDangerAnswers, dangerAnswerWords } = loadContent(path.resolve(__dirname, '..', '..', 'content'));
const findTypedDangerAnswer = (text: string) => findWithWords(text, dangerAnswerWords);

/**
 * What a typed answer to the open danger question stands for, with the words of the shipped
 * content/danger-answers/ (the routing table decides; the conversation test
 * test/e2e/typedDangerAnswer.test.ts proves the step that reads it).
 * Recall beats precision: anything that starts with a yes or calls for help is the "Yes" button.
 */
describe('a typed answer to the danger question', () => {
  it.each(['yes', 'Yes!', 'YES he is still here', 'yeah', 'ja', 'Ja, nu', 'ja hij is er nog', 'help', 'please help!', 'hulp', 'bel 112', 'SOS', 'HELPPPP', '🆘', 'not now, help!', 'I need police', 'help no one is here', 'I am not sure. Help!'])(
    '"%s" is the Yes button',
    (text) => {
      expect(findTypedDangerAnswer(text)).toMatchObject({ answer: 'yes' });
    },
  );

  // Red team stop 32, 2 (the conversation: test/e2e/typedDangerAnswer.test.ts).
  it.each([
    // A yes typed with a key held down.
    'JAAAA!!', 'jaaaa', 'yesss!!', 'yessss', 'yeahhh', 'Yeees he is',
    // It goes on: now, still.
    'nu!!', 'NUUU', 'now', 'right now', 'hij is er nog', 'ze zijn er nog', 'nog steeds bezig', 'het gaat nog steeds door', 'is nog gaande',
    'still happening', 'it is still going on', "he's still there", 'ongoing',
    // It is so.
    'klopt', 'zeker!', 'inderdaad', 'definitely', 'absolutely!',
  ])('"%s", a yes in a hurry or without a yes, is the Yes button', (text) => {
    expect(findTypedDangerAnswer(text)).toMatchObject({ answer: 'yes' });
  });

  // A call to come, or impatience with the question: whoever types it to "is anyone in danger right now?" means yes more
  // often than no, and a yes is the safe side. "kom op" holds no word of the answers: a new message for the classifier.
  it.each(['come on', 'come on!!', 'Come on, quick', 'kom er', 'kom er snel!'])('"%s", a call to come, is the Yes button', (text) => {
    expect(findTypedDangerAnswer(text)).toMatchObject({ answer: 'yes' });
  });

  it.each([
    // A question back asks; it does not answer.
    'is er nog iemand?', 'klopt het?', 'now?', 'come on?',
    // The affirming word negated, or beside a word that tells something else: the classifier reads it as a new message.
    'not sure', 'zeker niet', 'definitely not', 'niet nu', 'nog niet', 'het is nu rustig', 'now what do I do', 'he is here',
    // No yes word held down: "jaap" is a name, "yeast" a word.
    'jaap', 'yeast',
  ])('"%s" is no yes in other words: a new message', (text) => {
    expect(findTypedDangerAnswer(text)).toBeUndefined();
  });

  it.each([
    // After a no said first, a clause that ends in a call for help still calls for help.
    'not now, help!',
    'gelukkig niet, help!',
    'het is voorbij. HELP ME',
    // Negated and over together say it goes on: no no said first.
    'niet voorbij, ik heb hulp nodig',
    "it's not over, I need help",
    // A negation of something else, without the words of a no beside it.
    'niet veilig, hulp nodig',
    // Typed without a comma, a call for help after the no and its clause opener (final review, stop 32, 5).
    'not anymore but help!!', 'he left but help me',
    // ... also when it tells more before its call, typed without commas (final review, stop 32, 19).
    'he left but I am scared help', 'not anymore but I am scared help me', 'hij is weg ik ben bang help', 'niet meer maar ik ben bang help',
    'he left, I am scared, help', 'niet meer, ik ben bang, help',
    // A no word held down is left as typed: as often a cry as an answer (final review, stop 32, 6).
    'NOOO help',
  ])('"%s", no no said first or a call for help after it, is the Yes button', (text) => {
    expect(findTypedDangerAnswer(text)).toMatchObject({ answer: 'yes' });
  });

  it.each(['no', 'No.', 'nee', 'Nee!', 'nope', 'niemand', 'no one', 'geen gevaar'])('"%s" is the No button', (text) => {
    expect(findTypedDangerAnswer(text)).toMatchObject({ answer: 'no' });
  });

  it.each([
    'no, but he has a knife',
    'nee hij staat nog voor de deur',
    'what do you mean',
    'gedragscode',
    'yesterday he hit her',
    // An explicit no that names the help it does not need is no yes, which would mark an open request urgent (red team stop 31, 6).
    'Nee, ik heb geen hulp nodig, het is voorbij',
    'nee geen politie nodig hoor',
    'No, nobody is in danger now, I just need help knowing what to say',
    'ik heb geen hulp nodig',
    "I'm fine, no police",
    // A negation a few words before the alarm word, or just after it, in the same clause (final review, stop 31, 1).
    "I don't need help, it is over",
    "It's over, I don't need an ambulance",
    'help is not needed',
    'Hulp is niet nodig, het is voorbij',
    'ik heb de politie niet nodig',
    'geen enkele hulp nodig',
    // A no said first in other words, then help asked for what comes next (red team stop 32, 3): negated, or over.
    'Not anymore, but I need help with what to say',
    'Thankfully not, I just need help knowing what to do',
    'Gelukkig niet, maar ik wil wel graag hulp',
    'gelukkig niet meer. ik heb hulp nodig bij het gesprek',
    'not in danger anymore, I need help',
    'Het is voorbij, ik zoek hulp bij het melden',
    "it's over now, we need help to report it",
    'he left, I want help writing it down',
    'ze is weg; hulp bij melden graag',
    // The same typed in a hurry, without the comma: a clause opener ends the no said first (final review, stop 32, 5).
    'Not anymore but I need help with what to say',
    'Thankfully not I just need help knowing what to do',
    'Gelukkig niet maar ik wil wel graag hulp',
    'Het is voorbij ik zoek hulp bij het melden',
    'he left but I need help reporting it',
    // A no typed in a hurry: the negation and the need word as typed, as yes words are (final review, stop 32, 6).
    'hulp is nie nodig', 'ik heb nie hulp nodig', 'gene hulp nodig', 'i dnot need help', 'i dont ned help', 'hulp is neit nodig', 'geen hulp nodg', 'i dont needd help',
    // All is well again: a word of going says it goes on only beside a word that says so (final review, stop 32, 3).
    'nu gaat het', 'Nu gaat het.', 'het gaat nu', 'het gaat nu wel',
  ])(
    '"%s" is a new message, where danger still wins',
    (text) => {
      expect(findTypedDangerAnswer(text)).toBeUndefined();
    },
  );

  // Red team stop 33, 1: it goes on, or it is so, in other words (the conversation: test/e2e/typedAnswerGoesOnInOtherWords.test.ts).
  it.each([
    // Its end negated: it is not over, he has not left.
    "It's not over", 'it is not over yet', 'he has not left', "he hasn't gone", 'het is nog niet voorbij', 'hij is nog niet weg', 'het is niet voorbij', 'niet veilig', 'not safe',
    // A verb of happening beside still or now.
    'het gebeurt nog steeds', 'hij doet het nog steeds', 'het gebeurt nu', 'he is doing it right now', 'it still happens',
    // That it is so, in the words it is said with.
    'dat klopt', 'dat klopt precies', "that's right", 'that is true', 'exactly',
    // That there is danger.
    'er is gevaar', 'ik ben in gevaar', 'wij zijn in gevaar', 'there is danger', 'she is in danger', "I'm in danger",
    // That he comes back, or is coming.
    'hij komt terug', 'ze komen eraan', "he's coming back", 'he is coming',
    // Come, quickly: someone is wanted there now.
    'kom snel', 'kom alsjeblieft', 'please come', 'come quickly',
    // Still, in the other Dutch words for it.
    'nog altijd bezig', 'het gebeurt nu',
  ])('"%s", it goes on or it is so in other words, is the Yes button', (text) => {
    expect(findTypedDangerAnswer(text)).toMatchObject({ answer: 'yes' });
  });

  it.each([
    // Over, or a negation with it that says it is over after all.
    "it's not over, he's gone", 'het is niet voorbij, hij is weg',
    // Safe, with nothing negated.
    'ik ben veilig', 'I am safe now',
    // A question back.
    'is het nog niet voorbij?', 'is she in danger?',
    // Danger negated.
    'niet in gevaar', 'not in danger', 'hij komt niet terug', 'he is not coming back', 'kom maar later', 'come back tomorrow',
  ])('"%s" is no yes in other words: a new message', (text) => {
    expect(findTypedDangerAnswer(text)).toBeUndefined();
  });

  // Red team stop 33, 2 (the conversation: test/e2e/yesThatSaysItIsOverAsksAgain.test.ts).
  it.each([
    // A yes that goes on to say it is over.
    'Ja, het is voorbij', 'ja gelukkig is het voorbij', 'Yes, but he left', 'yes he is gone now', 'jaaa, hij is weg',
    // A yes that goes on to say not now, or not any more.
    'ja, nu niet meer', 'yes earlier, not now', 'yes but not anymore',
    // A yes that goes on to say they are safe.
    'ja, ik ben nu veilig', 'yes, we are safe',
    // A yes, then a whole no; safe said with "wel" (final review, stop 33, 11).
    'ja, nee', 'yes, no', 'ja gelukkig wel veilig', 'yes, it stopped', 'yes but it stops now',
  ])('"%s", a yes that says no in other words, asks the question again', (text) => {
    expect(findTypedDangerAnswer(text)).toMatchObject({ answer: 'again' });
  });

  // A known limit of stop 33: "stop" was read as "it has stopped", and the question came again.
  it.each(['yes, stop', 'ja, stop', 'yes stop it', 'YES STOP!!', 'ja hou op', 'yes, stop him', 'ja stop, alsjeblieft'])(
    '"%s", a yes that cries stop, is the Yes button',
    (text) => {
      expect(findTypedDangerAnswer(text)).toMatchObject({ answer: 'yes' });
    },
  );

  it.each(['yes, stop, he is gone', 'ja, hij is gestopt', 'yes, he stopped', 'ja het stopt'])('"%s", a yes that says it stopped, still asks again', (text) => {
    expect(findTypedDangerAnswer(text)).toMatchObject({ answer: 'again' });
  });

  it.each(['het stopt niet', "it won't stop", 'ja, het is nog niet voorbij', "yes it's not over", 'ja hij is er nog', 'yes, he is still here', 'Ja, nu', 'yes, not safe'])(
    '"%s", a yes that says it goes on, is still the Yes button',
    (text) => {
      expect(findTypedDangerAnswer(text)).toMatchObject({ answer: 'yes' });
    },
  );

  // Red team stop 33, 7 (the conversation: test/e2e/helpForNextStepLeavesRequestAsSent.test.ts).
  it.each([
    // Help with a task.
    'I need help with reporting my supervisor', 'ik heb hulp nodig bij het melden', 'Ik wil hulp bij het gesprek met mijn leidinggevende', 'help with what to say',
    // Help asked to do something, after the words beside it.
    'can you help me write it down', 'kun je me helpen melden', 'I want help reporting it', 'help me write it down',
    // About what.
    'I need help about my supervisor',
  ])('"%s", help for a next step, is no yes: a new message', (text) => {
    expect(findTypedDangerAnswer(text)).toBeUndefined();
  });

  it.each(['I need police', 'help me now', 'help me please', 'hulp nodig!!', 'ik heb hulp nodig', 'help, I need to write', 'kom helpen'])(
    '"%s", a call for help that tells nothing of a next step, is still the Yes button',
    (text) => {
      expect(findTypedDangerAnswer(text)).toMatchObject({ answer: 'yes' });
    },
  );

  // Red team stop 33, 8 (the conversation: test/e2e/noTornByACryAsksAgain.test.ts).
  it.each([
    // A no word, then a call for help.
    'nee, help!', 'nobody is coming, help!!', 'nobody here, help', 'no!! 112', 'niemand hier, help',
    // Nobody, then more than that nobody is in danger: that nobody helps or comes.
    'niemand helpt ons', 'niemand komt', 'no one is helping us!!', 'nobody is coming', 'noone came',
    // Help refused in words that go on.
    'zonder hulp red ik het niet', 'without help I cannot do this', 'no help is coming', 'geen hulp te zien',
  ])('"%s", a no torn by a cry, asks the question again', (text) => {
    expect(findTypedDangerAnswer(text)).toMatchObject({ answer: 'again' });
  });

  it.each([
    // Nobody in danger.
    'nobody is in danger', 'niemand is in gevaar', 'niemand in gevaar', 'no one is there anymore', 'niemand meer',
    // A no that refuses help, also a cry word held down is left to the Yes reading above.
    'no police', 'nee geen politie', 'zonder hulp', 'gelukkig niet, geen hulp', 'no help needed', 'geen hulp nodig',
  ])('"%s", a plain no, is no yes and not asked again', (text) => {
    expect(['yes', 'again']).not.toContain(findTypedDangerAnswer(text)?.answer);
  });

  // Final review, stop 33, 3 (the conversation: test/e2e/noThatSaysHelpCameIsANo.test.ts).
  it.each(['no, I called 112', 'no one, the ambulance is here', 'nee, de politie is hier', 'nee, ik heb 112 gebeld', 'nobody, the police came'])(
    '"%s", a no that says help has come, is no yes and not asked again',
    (text) => {
      expect(['yes', 'again']).not.toContain(findTypedDangerAnswer(text)?.answer);
    },
  );

  it.each(['nobody here, help', 'no, police here, help'])('"%s", a cry where help is wanted, still asks again', (text) => {
    expect(findTypedDangerAnswer(text)).toMatchObject({ answer: 'again' });
  });

  // Final review, stop 33, 2 (the conversation: test/e2e/tornAnswerTellingDangerNowShowsEmergency.test.ts).
  it.each(['ja, hij is weg, help!', 'yes, he left but he is coming back with a knife', 'ja, hij is weg maar hij komt terug'])(
    '"%s", a yes that says it is over and then calls for help or that it comes again, is still the Yes button',
    (text) => {
      expect(findTypedDangerAnswer(text)).toMatchObject({ answer: 'yes' });
    },
  );

  it('answers with the route the question\'s own buttons use', () => {
    expect(findTypedDangerAnswer('yes')?.route).toBe(ROUTES['flow.answer']);
    expect(findTypedDangerAnswer('nee')?.route).toBe(ROUTES['flow.answer']);
  });

  it.each(LOCALES)('has its own words of every kind in %s, each one its language\'s answer', (locale) => {
    const answers = typedDangerAnswers[locale];
    expect(answers.yesFirstWords.length * answers.alarmWords.length * answers.wholeNo.length).toBeGreaterThan(0);
    for (const word of answers.yesFirstWords) expect(findTypedDangerAnswer(`${word} nu`)).toMatchObject({ answer: 'yes' });
    for (const word of answers.alarmWords) expect(findTypedDangerAnswer(`please ${word}`)).toMatchObject({ answer: 'yes' });
    for (const phrase of answers.wholeNo) expect(findTypedDangerAnswer(phrase)).toMatchObject({ answer: 'no' });
    for (const phrase of answers.nobodyWords) expect(findTypedDangerAnswer(`${phrase} helpt ons`)).toMatchObject({ answer: 'again' });
    for (const word of answers.helpForWords) expect(findTypedDangerAnswer(`I need help ${word} it`)).toBeUndefined();
    for (const word of answers.stopCries) expect(findTypedDangerAnswer(`${answers.yesFirstWords[0]}, ${word}`)).toMatchObject({ answer: 'yes' });
  });

  it('has every kind of word described for the programme team in content/README.md', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', 'content', 'README.md'), 'utf8');
    const row = readme.split('\n').find((line) => line.startsWith('| `danger-answers/'));
    const kinds = Object.keys(typedDangerAnswersSchema.shape).filter((field) => field !== 'locale');
    expect(kinds).toHaveLength(19);
    for (const kind of kinds) expect(row).toContain(`\`${kind}\``);
    expect(row).toContain('all nineteen kinds');
    expect(row).toContain('call-for-help rule');
  });

  it('reads the words of the content it was loaded with, every language\'s merged once at load', () => {
    const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'danger-answers-'));
    try {
      fs.cpSync(path.resolve(__dirname, '..', '..', 'content'), contentDir, { recursive: true });
      const dutchFile = path.join(contentDir, 'danger-answers', 'nl.json');
      const dutch = JSON.parse(fs.readFileSync(dutchFile, 'utf8'));
      fs.writeFileSync(dutchFile, JSON.stringify({ ...dutch, alarmWords: [...dutch.alarmWords, 'alarmnummer'] }));
      const edited = loadContent(contentDir, { ignoreTrainedModels: true });
      expect(edited.dangerAnswerWords.alarmWords.has('alarmnummer')).toBe(true);
      expect(findWithWords('alarmnummer!', edited.dangerAnswerWords)).toMatchObject({ answer: 'yes' });
      // English words still count in the edited content, and the shipped content is unchanged.
      expect(findWithWords('yes', edited.dangerAnswerWords)).toMatchObject({ answer: 'yes' });
      expect(findTypedDangerAnswer('alarmnummer!')).toBeUndefined();
    } finally {
      fs.rmSync(contentDir, { recursive: true, force: true });
    }
  });
});

/** A bare call for help outside a relay: the e2e conversation is test/e2e/bareCallForHelp.test.ts. */
describe('a message of nothing but words that call for help', () => {
  const classified = (danger: Classification['danger']): Classification => ({
    locale: 'nl',
    intent: 'guidance',
    topic: 'aggression',
    perspective: 'witness',
    urgent: danger === 'now',
    danger,
    likelyTopics: ['aggression'],
  });

  it.each(['112', 'SOS!!', 'politie', 'help help', 'Hulp, hulp!', 'ambulance 112'])('"%s" reads as unclear danger with nothing else told', (text) => {
    for (const danger of ['none', 'unclear'] as const) {
      expect(readAsCallForHelp(text, classified(danger), dangerAnswerWords)).toEqual({
        ...classified(danger),
        intent: 'help',
        topic: null,
        perspective: null,
        likelyTopics: [],
        danger: 'unclear',
        urgent: false,
      });
    }
  });

  it.each(['HELP ME!!', 'help me please!!', 'bel 112!', 'call 112', '🆘', '🆘 HELP 🆘', 'S.O.S.', 'help…', '112 🙏', 'hulp nu!!', '１１２', 'helpppp', 'hellp', 'POLITIEEE', 'nee, help!', 'no!! 112', 'HLEP ME!!', 'hlep!!', 'bel 112 hlep', 'SOS hlep', 'ambulanse!!', 'emergancy', 'plice pls'])(
    '"%s", typed in a hurry, is one too',
    (text) => {
      expect(readAsCallForHelp(text, classified('none'), dangerAnswerWords)).toMatchObject({ danger: 'unclear', intent: 'help' });
    },
  );

  // Red team stop 32, 1: a call for help in everyday words (the conversation: test/e2e/bareCallForHelpVariants.test.ts).
  it.each([
    // Someone is called on.
    'someone help!!', 'somebody help', 'can anyone help', 'could somebody help us', 'iemand help!!', 'kan iemand helpen!!', 'iemand hulp!!',
    // The writer's own need, with nothing said of what for.
    'I need help!!', 'we need help now', 'need help', 'help needed!', 'ik heb hulp nodig!!', 'we hebben hulp nodig', 'hulp nodig!!',
    // Help for us.
    'help us!!', 'help ons!!',
    // A service called for with an article, sent for or come for.
    'call an ambulance!!', 'someone call the police', 'send help', 'get the police', 'come help', 'bel een ambulance!!', 'iemand moet de politie bellen', 'stuur hulp!', 'haal hulp', 'kom helpen!!',
    // A number of content/organisation.json, written as people write it.
    '113', 'bel 113!!', '0800-0113', '0800 0113', 'call 088 755 1234', '5555',
  ])('"%s", a call for help in everyday words, is one too', (text) => {
    expect(readAsCallForHelp(text, classified('none'), dangerAnswerWords)).toMatchObject({ danger: 'unclear', intent: 'help' });
  });

  // Red team stop 33, 6 (the conversation: test/e2e/bareCallForHelpHeldKeysAndEmergencyWords.test.ts).
  it.each([
    // A key held down on the word beside the alarm word, as on the alarm word itself.
    'help mijjj', 'hulp nuuu!!', 'help usss', 'help meeee!!', 'bel 112 snelll', 'pleaseee help',
    // An emergency emoji beside 🆘.
    '🚨', '🚑🚑', '🚓', '🚒!!', '🚔',
    // An emergency named, also announced: fire, the fire brigade, mayday.
    'brand!!', 'er is brand!!', 'bel de brandweer!', 'mayday!!', 'MAYDAY MAYDAY', 'there is an emergency!!',
    // The cry first, then a question (final review, stop 33, 4: a question about help is no call, a cry that asks still is).
    'help, is er iemand?', 'help is there anyone', 'er is brand?', 'there is an emergency?',
  ])('"%s", a call for help in a hurry or in emergency words, is one too', (text) => {
    expect(readAsCallForHelp(text, classified('none'), dangerAnswerWords)).toMatchObject({ danger: 'unclear', intent: 'help' });
  });

  it.each([
    // A word beside the alarm word typed so that it is a word of its own: "mee" is no "me", "bell" no "bel".
    'help mee', 'ik help mee', 'bell 112',
    // A held-down word that stands beside no alarm word.
    'meeee', 'er is',
    // A question about help, or where help is (final review, stop 33, 4).
    'is er hulp?', 'is er hulp nodig?', 'is there help?', 'is there an ambulance?', 'de politie is er', 'the police is there', 'is de brandweer er?',
  ])('"%s" is not one', (text) => {
    expect(readAsCallForHelp(text, classified('none'), dangerAnswerWords)).toBeUndefined();
  });

  it.each([
    'Can you help me find the code of conduct?',
    'bel 112 nu hij heeft een mes',
    'call 112 if you see someone get hurt',
    'please call me',
    // What the help is for is told, or the bot itself is asked: the classifier's to read (red team stop 32, 1).
    'I need help with reporting my supervisor',
    'ik heb hulp nodig bij het melden',
    'can you help me?',
    'kun je me helpen?',
    'I can help you',
    // Digits that are no number of content/organisation.json, also one digit from one.
    '0800-0114',
    '5556',
    '113 euro',
    '112113',
    'nod',
    // One edit from an alarm word, but a word of its own of either language (the classifier's known or the dictionary's real words).
    'good!!',
    'held me',
    'hell',
    'hull nu',
    'helm',
    // Too short for a typing error to be read.
    'hep',
    '🙏',
    'yes',
    '',
  ])('"%s" is not one', (text) => {
    expect(readAsCallForHelp(text, classified('none'), dangerAnswerWords)).toBeUndefined();
  });

  it('reads no typing error in a typed answer, where a yes would mark an open request urgent', () => {
    expect(findTypedDangerAnswer('hlep')).toBeUndefined();
    expect(findTypedDangerAnswer('ambulanse')).toBeUndefined();
  });

  it('reads no typing error without the trained models, whose known words keep "good" from being "nood"', () => {
    const { dangerAnswerWords: withoutModels } = loadContent(path.resolve(__dirname, '..', '..', 'content'), { ignoreTrainedModels: true });
    expect(readAsCallForHelp('hlep!!', classified('none'), withoutModels)).toBeUndefined();
    expect(readAsCallForHelp('HELP ME!!', classified('none'), withoutModels)).toMatchObject({ danger: 'unclear' });
  });

  it('reads the numbers of the organisation.json it was loaded with', () => {
    const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'danger-numbers-'));
    try {
      fs.cpSync(path.resolve(__dirname, '..', '..', 'content'), contentDir, { recursive: true });
      const organisationFile = path.join(contentDir, 'organisation.json');
      const organisation = JSON.parse(fs.readFileSync(organisationFile, 'utf8'));
      organisation.phoneNumbers.internalEmergency.number = '7 777';
      fs.writeFileSync(organisationFile, JSON.stringify(organisation));
      const { dangerAnswerWords: edited } = loadContent(contentDir, { ignoreTrainedModels: true });
      expect(readAsCallForHelp('bel 7777!', classified('none'), edited)).toMatchObject({ danger: 'unclear' });
      expect(readAsCallForHelp('5555', classified('none'), edited)).toBeUndefined();
    } finally {
      fs.rmSync(contentDir, { recursive: true, force: true });
    }
  });

  it('leaves danger now as it is: the emergency card comes first anyway', () => {
    expect(readAsCallForHelp('112', classified('now'), dangerAnswerWords)).toBeUndefined();
  });
});

/**
 * The README: negations and need words count as typed in a hurry "with a letter held down ("niettt", "nodigg") or with one
 * typing error". The hurried no's above each hold a second way to read them (a "geen" that opens its clause, a "needd" that
 * is also one typing error), so each way of reading is proven here alone (promise audit, stop 33, F1): a letter held down
 * more than once (no typing error of one edit) and a typing error of a need word after the alarm word (where only the need
 * word makes "niet" a no). Read as a yes, each would mark the person's open request urgent against their answer.
 */
describe('a no typed in a hurry, each way of reading it on its own', () => {
  it.each([
    // A negation with a letter held down: two letters more than "niet" / "not", no typing error of one edit.
    'hulp is niettt nodig',
    'help is nottt needed',
    // A need word with a letter held down: two letters more than "nodig" / "needed".
    'hulp is niet nodiggg',
    'help is not neededdd',
    // A need word with one typing error after the alarm word: only it tells that "niet" negates the help.
    'hulp is niet nodg',
    'help is not neded',
  ])('"%s" is a new message, not the Yes button that marks the open request urgent', (text) => {
    expect(findTypedDangerAnswer(text)).toBeUndefined();
  });

  it.each(['hulp is er niet', 'help is not here'])('"%s" (help not there, no need told) is still the Yes button', (text) => {
    expect(findTypedDangerAnswer(text)?.answer).toBe('yes');
  });
});
