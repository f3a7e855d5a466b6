import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangNl } from '@nlpjs/lang-nl';
import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier } from '../../src/guidance/classifier';
import { locateAsk, splitSentences, type AskReaders } from '../../src/guidance/classifier/askLocation';
import { Lexicon } from '../../src/guidance/classifier/lexicon';
import { LocaleAnalyser, type NlpjsContainer } from '../../src/guidance/classifier/textAnalysis';
import type { Locale } from '../../src/guidance/vocabulary';

/*
 * Where a message asks (askLocation.ts), and the intent that follows from the ask rather than from the
 * story around it. Every sentence here was written for this test; none comes from an evaluation set.
 */

const content = loadContent(path.resolve(__dirname, '..', '..', 'content'));
let readers: Record<Locale, AskReaders>;
let classifier: Classifier;

beforeAll(async () => {
  const container = (await containerBootstrap()) as unknown as NlpjsContainer;
  container.use(LangEn);
  container.use(LangNl);
  const readersFor = (locale: Locale): AskReaders => {
    const analyser = new LocaleAnalyser(container, locale);
    const { asks } = content.nlu[locale].lexicon;
    return {
      analyser,
      openers: asks.openers.map((opener) => analyser.words(opener)),
      fillers: new Set(asks.fillers),
      wishes: new Lexicon(['wish', 'whatToDo'], { wish: asks.wishes, whatToDo: asks.whatToDo }, analyser),
    };
  };
  readers = { en: readersFor('en'), nl: readersFor('nl') };
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
}, 60_000);

describe('sentences', () => {
  test('end at a full stop, "?", "!", ";", ":" or a new line, and say whether they ask with "?"', () => {
    expect(splitSentences('Update: he left. Is it over?? I hope so!\nThanks; bye')).toEqual([
      { text: 'Update', question: false },
      { text: 'he left', question: false },
      { text: 'Is it over', question: true },
      { text: 'I hope so', question: false },
      { text: 'Thanks', question: false },
      { text: 'bye', question: false },
    ]);
  });

  test('a full stop with a letter right after it ends none ("nu.nl")', () => {
    expect(splitSentences('Op nu.nl stond het gisteren. Klopt dat?').map((sentence) => sentence.text)).toEqual(['Op nu.nl stond het gisteren', 'Klopt dat']);
  });

  test('take linear time: one pass over at most the analysed characters', () => {
    expect(splitSentences('?'.repeat(300_000))).toEqual([]);
    expect(splitSentences('ab. '.repeat(100_000)).length).toBe(500);
  });
});

describe('where the ask is', () => {
  const asked = (locale: Locale, text: string) => {
    const located = locateAsk(text, readers[locale]);
    return { kind: located.kind, askFirst: located.askFirst, ask: located.ask.words.join(' ') };
  };

  test.each<[string, Locale, string, ReturnType<typeof asked>]>([
    ['a question after a story', 'en', 'A porter shouted at my intern yesterday. She already filed a complaint. What can I do for her?', { kind: 'part', askFirst: false, ask: 'what can i do for her' }],
    ['a wish before the story', 'en', 'I want this noted somewhere: last spring my supervisor kept mocking my accent.', { kind: 'part', askFirst: true, ask: 'i want this noted somewhere' }],
    ['a question without "?" (an opener after a filler)', 'en', 'The visitor left after security came. ok so should this be logged', { kind: 'part', askFirst: false, ask: 'ok so should this be logged' }],
    ['no opener in the middle of a sentence ("she does not want ...")', 'en', 'She does not want to report it. Her manager knows.', { kind: 'none', askFirst: false, ask: '' }],
    ['one question is the whole message', 'en', 'Can I talk to someone about my team lead?', { kind: 'whole', askFirst: false, ask: 'can i talk to someone about my team lead' }],
    ['een vraag na het verhaal', 'nl', 'Een collega werd gisteren uitgescholden door een bezoeker. Zij heeft het al gemeld. Hoe kan ik haar steunen?', { kind: 'part', askFirst: false, ask: 'hoe kan ik haar steunen' }],
    ['een wens voor het verhaal', 'nl', 'Ik wil graag dat dit ergens bewaard wordt: vorig jaar noemde mijn opleider me steeds dom.', { kind: 'part', askFirst: true, ask: 'ik wil graag dat dit ergens bewaard wordt' }],
    ['een vraag zonder vraagteken', 'nl', 'De patiënt is weer rustig. vraagje moet dat ergens gemeld worden', { kind: 'part', askFirst: false, ask: 'vraagje moet dat ergens gemeld worden' }],
  ])('%s', (_kind, locale, text, expected) => {
    expect(asked(locale, text)).toEqual(expected);
  });
});

describe('the ask decides the intent, not the story around it (shipped models)', () => {
  test.each([
    // The story names a report someone else made; the ask is for guidance.
    ['en', 'My colleague was pushed by a relative last week and she already reported it herself. How can I support her now?', 'guidance'],
    ['nl', 'Een patiënt kneep mijn collega vorige week hard in haar arm, zij heeft al een melding gedaan. Hoe kan ik haar nu helpen?', 'guidance'],
    // A long story, then an ask to report or to talk: the story's words do not overrule it.
    ['en', 'For weeks the senior registrar has been making comments about my clothes in the break room, and the others laugh along. Yesterday it happened again in front of a patient. Should this be reported?', 'report'],
    ['nl', 'Al weken maakt de oudste arts-assistent in de koffiekamer opmerkingen over mijn kleding en de rest lacht mee. Gisteren gebeurde het weer waar een patiënt bij was. Moet dit gemeld worden?', 'report'],
    ['en', 'The head of the lab keeps taking credit for my analyses in every group meeting and my contract ends soon. Is there someone I can talk to about this in confidence?', 'talk'],
    // The ask first, the story after.
    ['en', 'I would like to report something: my team lead keeps giving the night shifts to the same two people as a punishment.', 'report'],
    ['nl', 'Ik wil iets melden: mijn teamleider geeft al maanden als straf de nachtdiensten aan dezelfde twee mensen.', 'report'],
  ])('[%s] %s', async (locale, text, intent) => {
    expect((await classifier.classify(text, { locale: locale as Locale })).intent).toBe(intent);
  });
});

describe('indirect asks name an intent without its usual words (shipped models)', () => {
  test.each([
    // Keeping a record of what happened: a report.
    ['en', 'It stopped when he moved to another ward, but I want it on the record.', 'report'],
    ['en', 'The nurse who kept calling me names has apologised. Should it still be written down somewhere?', 'report'],
    ['nl', 'Het is inmiddels gestopt, maar ik wil dat het zwart op wit komt te staan.', 'report'],
    ['nl', 'Een bezoeker noemde me gisteren een domme koe. Waar kan ik dat kwijt?', 'report'],
    // Someone to think along or listen: a talk.
    ['en', 'My supervisor keeps ignoring my emails since I raised a concern. I could use someone to think along with me.', 'talk'],
    ['nl', 'Mijn leidinggevende negeert me sinds ik kritiek had. Kan iemand met me meedenken?', 'talk'],
    // The team together, with someone guiding it: a team dialogue.
    ['en', 'Two nurses had a shouting match at handover and it is settled now. Can we talk about it as a team with someone leading it?', 'team-dialog'],
    ['nl', 'Twee collega\u2019s kregen ruzie bij de overdracht, het is bijgelegd. Kunnen we het als team onder begeleiding bespreken?', 'team-dialog'],
  ])('[%s] %s', async (locale, text, intent) => {
    expect((await classifier.classify(text, { locale: locale as Locale })).intent).toBe(intent);
  });
});

describe('an ask that names what the programme offers outweighs the story (shipped models)', () => {
  test.each([
    ['en', 'A podcast this week told of a porter abroad who was beaten by a visitor for months. Is there a training for our desk staff on this?', 'training'],
    ['nl', 'Een collega van de balie werd vorige maand uitgescholden door een bezoeker, het is nu rustig. Wat staat er in de gedragscode over mijn rol als leidinggevende?', 'code-of-conduct'],
    ['en', 'Someone in the night team keeps mocking a colleague for her accent and it has been sorted out with HR. Could our ward get a team session with a facilitator on it?', 'team-dialog'],
  ])('[%s] %s', async (locale, text, intent) => {
    expect((await classifier.classify(text, { locale: locale as Locale })).intent).toBe(intent);
  });
});

describe('a drill, simulation or role-play asks for training unless the ask names something else (shipped models)', () => {
  test.each([
    ['en', 'In the fire drill this morning an actor played a visitor with a bat. Where do I find the handout?', 'training'],
    ['nl', 'Bij het rollenspel van vanmiddag speelde ik de collega die uitgescholden wordt. Waar vind ik de nabespreking?', 'training'],
    ['en', 'During the evacuation exercise a colleague playing a patient shoved a student so hard she hurt her wrist. Should that be reported?', 'report'],
    ['nl', 'Tijdens de oefening duwde iemand die de boze bezoeker speelde een stagiaire echt tegen de muur. Moet dat gemeld worden?', 'report'],
  ])('[%s] %s', async (locale, text, intent) => {
    expect((await classifier.classify(text, { locale: locale as Locale })).intent).toBe(intent);
  });
});
