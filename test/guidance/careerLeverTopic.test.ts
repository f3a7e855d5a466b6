import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier } from '../../src/guidance/classifier';

/*
 * A career lever a superior holds (`lexicon.levers`: a contract not renewed, an extension not signed, a passing grade, a
 * residency spot, being written off) turns aggression that no blow, grip or weapon makes physical into abuse of power: held,
 * locked in or threatened by a superior for a career decision (the labelling guide; decision.ts, a rule beside the scores). A
 * blow stays aggression whoever holds a lever, and research misconduct stays research integrity, also beside the writer's own
 * contract (the same lever beside research integrity moved nothing on the sets nobody reads and was reverted). Sentences written
 * for this test, in the kinds the readable sets show.
 */

const root = path.resolve(__dirname, '..', '..');
const content = loadContent(path.join(root, 'content'));
let classifier: Classifier;

beforeAll(async () => {
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
}, 60_000);

const topicOf = async (locale: 'en' | 'nl', text: string) => (await classifier.classify(text, { locale })).topic;

describe('research misconduct stays research integrity, also beside a lever (a whistle-blower threatened with a contract)', () => {
  test.each([
    ['en', 'My PI asked me to leave out a few data points. Can I refuse without losing my contract?'],
    ['en', 'My former supervisor published my thesis chapter under his own name.'],
    ['nl', 'Ik ben postdoc zonder vast contract en mijn begeleider heeft mijn figuren in zijn eigen artikel gebruikt.'],
    ['nl', 'Mijn promotor heeft mijn data aangepast zodat het significant werd, ik ben bang voor mijn contract.'],
    ['en', "My PI fabricated data in our Nature paper and said that if I tell anyone, he won't renew my contract."],
    ['nl', 'Mijn promotor heeft data verzonnen en zegt dat hij mijn contract niet verlengt als ik het meld.'],
  ] as const)('(%s) "%s"', async (locale, text) => {
    expect(await topicOf(locale, text)).toBe('research-integrity');
  });
});

describe('held, locked in or threatened by a superior for a career decision is abuse of power', () => {
  test.each([
    ['en', "He won't let me out of the room. My program director has locked the door and says I'll never get a residency spot unless I drop my complaint."],
    ['en', "I'm locked in the office with my supervisor, he says I never pass this rotation if I leave before signing."],
    ['nl', 'Hij laat me niet gaan. Mijn opleider staat al een kwartier in de deuropening en zegt dat hij mijn coschap gaat afkeuren als ik wegloop.'],
    ['nl', 'Vorige maand heeft mijn afdelingshoofd me in de kamer opgesloten tot ik een slechte beoordeling tekende.'],
    ['nl', 'Mijn teamleider schreeuwde dat ik eruit lig als ik nog een keer te laat ben.'],
  ] as const)('(%s) "%s"', async (locale, text) => {
    expect(await topicOf(locale, text)).toBe('abuse-of-power');
  });
});

describe('a blow stays aggression whoever holds a lever', () => {
  test.each([
    ['en', "A PhD student stood in my office with clenched fists and said he'd beat me up if I don't renew his contract."],
    ['en', 'A visitor threatened to get me fired and then punched the wall next to my head.'],
    ['nl', 'Een patiënt schreeuwde tegen de balie dat hij ons allemaal zou laten ontslaan en sloeg met zijn vuist op tafel.'],
  ] as const)('(%s) "%s"', async (locale, text) => {
    expect(await topicOf(locale, text)).toBe('aggression');
  });
});
