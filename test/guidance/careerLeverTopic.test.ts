import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier } from '../../src/guidance/classifier';

/*
 * Issue 11: a supervisor who threatens to block a contract extension is abuse of power. When the demand is about research
 * (first authorship, a grant on the superior's name, a dataset), its words put the message under research integrity, and the
 * lever a superior holds decides nothing in the models. A career lever named as the price of a demand (`lexicon.levers`: a contract
 * not renewed, an extension not signed, a passing grade, a reference, being written off, never getting a postdoc, projects kept
 * for favourites) turns research integrity into abuse of power (decision.ts, a rule beside the scores). Research misconduct told
 * without such a lever stays research integrity, also beside the writer's own contract ("without losing my contract", "zonder vast
 * contract"). The same lever turns aggression that no blow, grip or weapon makes physical into abuse of power: held, locked in or
 * threatened by a superior for a career decision (the labelling guide). A blow stays aggression whoever holds a lever. Sentences
 * written for this test, in the kinds the readable sets show.
 */

const root = path.resolve(__dirname, '..', '..');
const content = loadContent(path.join(root, 'content'));
let classifier: Classifier;

beforeAll(async () => {
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
}, 60_000);

const topicOf = async (locale: 'en' | 'nl', text: string) => (await classifier.classify(text, { locale })).topic;

describe('a career lever a superior holds, named as the price of a research demand, is abuse of power', () => {
  test.each([
    ['en', "My PI wants first authorship on the paper I wrote alone, and says otherwise he won't renew my contract."],
    ['en', "My supervisor put my grant proposal under his own name, and when I asked about it he said 'think about your contract'."],
    ['en', 'The head of the lab told me I will never get a postdoc anywhere if I report the authorship issue.'],
    ['en', 'Our PI only lets his favourites present the data at conferences, the rest of us just do the analyses.'],
    ['nl', 'Mijn promotor wil eerste auteur zijn op mijn artikel, anders tekent hij de verlenging niet.'],
    ['nl', "Mijn begeleider heeft mijn subsidieaanvraag onder zijn naam ingediend en zei: 'denk aan je contract'."],
    ['nl', 'Mijn promotor zegt dat hij mijn contract niet verlengt als ik hem niet als eerste auteur op het artikel zet.'],
    ['nl', 'Mijn begeleider zegt dat ik pas een voldoende krijg als ik zijn naam op mijn scriptie zet.'],
  ] as const)('(%s) "%s"', async (locale, text) => {
    expect(await topicOf(locale, text)).toBe('abuse-of-power');
  });
});

describe('research misconduct without such a lever stays research integrity', () => {
  test.each([
    ['en', 'My PI asked me to leave out a few data points. Can I refuse without losing my contract?'],
    ['en', 'My former supervisor published my thesis chapter under his own name.'],
    ['nl', 'Ik ben postdoc zonder vast contract en mijn begeleider heeft mijn figuren in zijn eigen artikel gebruikt.'],
    ['nl', 'Mijn promotor heeft mijn data aangepast zodat het significant werd, ik ben bang voor mijn contract.'],
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
