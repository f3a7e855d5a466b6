import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier, type ClassifierInternals } from '../../src/guidance/classifier';
import { tokeniseSentences, tokenWindows } from '../../src/guidance/classifier/sentenceTokens';

/*
 * Long messages with the danger in one sentence: a long ordinary story (a rota, a payslip, a move) around the one sentence
 * that matters. The danger model sums its weights over every word present, so the story's words drowned that sentence
 * (p 1.00 alone, under 0.25 inside the story); the strongest window of a short message's length now asks the danger
 * question (danger.ts, `judgeStrongestWindow`). The sentences are our own, written for these tests.
 */

let classifier: Classifier & ClassifierInternals;

beforeAll(async () => {
  const content = loadContent(path.resolve(__dirname, '..', '..', 'content'));
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
});

const PORTER_STORY =
  'I have been a porter here for eleven years and mostly the work is fine, even with the new tracking system for the beds that nobody really understands yet. ' +
  'My question was going to be about the overtime rules, because the payslip for November shows fewer hours than I worked and the office keeps sending me to another office.';
const KITCHEN_STORY =
  'Ik werk al twaalf jaar in de keuken van het ziekenhuis en ik vind het nog steeds leuk werk, al is het zwaar met de nieuwe menukaart en de wisselende diensten. ' +
  'Vorige week hebben we een nieuwe collega gekregen die veel vragen stelt, wat goed is.';

describe('a long ordinary story does not drown the one sentence that tells the danger', () => {
  test.each([
    [
      'someone who will not leave a door, a colleague shaking where she hides (en)',
      'en',
      `${PORTER_STORY} A man from the waiting room is standing at the back door of the kitchen and he won't go away, he keeps calling the name of my colleague and she is shaking in the cold store. Anyway, who do I ask about the payslip?`,
    ],
    [
      'someone trying the door handles, a colleague hiding under her desk (en)',
      'en',
      `${PORTER_STORY} There is a visitor in the corridor who keeps trying the door handles and calling out that he knows she is in here, my colleague is hiding under her desk. Anyway, who do I ask about the payslip?`,
    ],
    [
      'someone who will not leave a door, a colleague trembling in the cold store (nl)',
      'nl',
      `${KITCHEN_STORY} Een man uit de wachtkamer staat bij de achterdeur van de keuken en hij wil niet weggaan, hij roept de naam van mijn collega en zij zit te trillen in de koelcel. Mag ik de beveiliging bellen?`,
    ],
  ] as const)('%s', (_kind, locale, text) => {
    const { danger } = classifier.explain(text, locale);
    expect(danger.level).toBe('unclear');
    // `ask --explain` says that the strongest stretch decided, with the model's probability and features.
    expect(danger.reasons[0]).toMatch(/^model, strongest stretch of a long message: [01]\.\d\d \(.+\)$/);
  });

  test('the stretch asks the danger question but never alarms: the emergency card stays with the whole message', () => {
    const sentence = "A man from the waiting room is standing at the back door of the kitchen and he won't go away, he keeps calling the name of my colleague and she is shaking in the cold store.";
    expect(classifier.explain(sentence, 'en').danger.level).toBe('now');
    expect(classifier.explain(`${PORTER_STORY} ${sentence} Anyway, who do I ask about the payslip?`, 'en').danger.level).toBe('unclear');
  });

  test.each([
    [
      'a team day asked about after last year\'s outing (en)',
      'en',
      'Hi, I am the team leader of the outpatient clinic for dermatology and I have a question about our team day in April. Last year we went to a museum, which was nice, but people asked for something where we actually talk about how we work together, since there has been some friction about the schedules and about who takes the phone when the secretary is out. Someone mentioned that the hospital offers a facilitated session for teams. Is that only when there is a conflict, or can any team ask for one, and how long does it take to arrange?',
    ],
    [
      'a certificate lost after an update (en)',
      'en',
      'I have been working on the surgical ward for six years and I really like my colleagues, even though the last months were busy with the new electronic patient record and all the training sessions that came with it. My question is about the e-learning on appropriate behaviour: I started it in October but it seems my progress was lost after the update, and my manager needs the certificate before my yearly review next week. Is there a way to get the certificate without doing all the modules again?',
    ],
    [
      'kitchen staff asking whether they may report (nl)',
      'nl',
      'Ik werk al twaalf jaar in de keuken van het ziekenhuis en ik vind het nog steeds leuk werk, al is het zwaar met de nieuwe menukaart en de wisselende diensten. Vorige week hebben we een nieuwe collega gekregen die veel vragen stelt, wat goed is. Mijn vraag gaat over de gedragscode: mogen wij als keukenpersoneel ook een melding doen als we iets zien op de afdelingen als we de maaltijden rondbrengen, of is dat alleen voor verpleging en artsen?',
    ],
  ] as const)('a long calm story stays calm: %s', (_kind, locale, text) => {
    expect(classifier.explain(text, locale).danger.level).toBe('none');
  });
});

describe('the windows of a long message', () => {
  const words = (count: number, from = 0) => Array.from({ length: count }, (_, index) => `word${from + index}`).join(' ');

  test('a message of at most a window\'s length is one window, itself', () => {
    const text = tokeniseSentences(`${words(20)}. ${words(19, 20)}.`);
    const windows = tokenWindows(text, 40, 10);
    expect(windows).toHaveLength(1);
    expect(windows[0].text).toBe(text);
  });

  test('a longer one is read in overlapping windows of at most that length that together hold every word', () => {
    const text = tokeniseSentences(`${words(30)}. ${words(25, 30)}. ${words(30, 55)}.`);
    const windows = tokenWindows(text, 40, 10);
    const wordsOf = (window: (typeof windows)[number]) => window.text.sentences.flatMap(({ tokens }) => tokens.filter((token) => !token.startsWith(':')));
    for (const window of windows) expect(wordsOf(window).length).toBeLessThanOrEqual(40);
    expect(new Set(windows.flatMap(wordsOf)).size).toBe(85);
    // A sentence of ten words or fewer lies whole, its start and end marked, in at least one window.
    const short = tokeniseSentences(`${words(33)}. the sentence that matters lies whole here. ${words(33, 40)}.`);
    const whole = tokenWindows(short, 40, 10).some(({ text: window }) => window.sentences.some(({ tokens }) => tokens.join(' ') === ':start: the sentence that matters lies whole here :end:'));
    expect(whole).toBe(true);
  });

  test('each window names the sentences it overlaps, so it reads their cue kinds only', () => {
    const text = tokeniseSentences(`${words(45)}. ${words(5, 45)}.`);
    const [first, ...rest] = tokenWindows(text, 40, 10);
    expect(first.sentenceIndices).toEqual([0]);
    expect(rest.at(-1)?.sentenceIndices).toEqual([0, 1]);
  });
});
