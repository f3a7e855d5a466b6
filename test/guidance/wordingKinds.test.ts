import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier, type ClassifierInternals } from '../../src/guidance/classifier';

/*
 * Topic and perspective by kind of wording (issue 11's error kinds), with the models as shipped in
 * content/nlu/trained.json. Each kind has a few sentences written for this test, in both languages;
 * none comes from an evaluation set.
 */

let classifier: Classifier & ClassifierInternals;

beforeAll(async () => {
  const content = loadContent(path.resolve(__dirname, '..', '..', 'content'));
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
}, 60_000);

describe('unwanted sexual touching is sexual harassment, also with force or cornering', () => {
  test.each([
    ['A resident cornered me in the sluice room and put his hand up my skirt'],
    ['He pinned her against the lockers and grabbed her crotch'],
    ['A visitor held my wrists and pressed himself against me in the lift'],
    ['Een collega drukte me tegen de muur en greep in mijn kruis'],
    ['Hij hield haar vast in de linnenkamer en wreef zich tegen haar aan'],
    ['Een patiënt trok mijn hand naar zijn kruis en liet niet los'],
  ])('%s', async (text) => {
    expect((await classifier.classify(text)).topic).toBe('sexual-harassment');
  });
});

describe('a threat in words no danger cue knows still names aggression', () => {
  test.each([
    ["A patient's son keeps calling the ward saying he will teach us a lesson"],
    ["Iemand heeft 'jij bent de volgende' op mijn kluisje geschreven"],
    ['De zoon van een patiënt belt steeds dat hij ons een lesje gaat leren'],
  ])('%s', async (text) => {
    expect((await classifier.classify(text)).topic).toBe('aggression');
  });
});

describe('"my" with a body part or a belonging makes the writer the target', () => {
  test.each([
    ['pt grabbed my phone and threw it at the wall'],
    ['A visitor held my wrists and pressed himself against me in the lift'],
    ['hij sloeg mijn arm weg en duwde me tegen de kast'],
    ['Een patiënt trok mijn hand naar zijn kruis en liet niet los'],
  ])('%s', async (text) => {
    expect((await classifier.classify(text)).perspective).toBe('target');
  });
});

describe('a writer who says they did it is the accused, in verbs no lexicon cue names', () => {
  test.each([
    ['I kinda skipped the new nurse when handing out the good shifts, and now she has gone to HR'],
    ['I deleted a few outliers from the dataset before submitting and my co-author found out'],
    ['Heb een paar maanden lang declaraties voor taxiritten ingediend die privé waren, nu vraagt de controller ernaar'],
    ['Ik heb een coassistent voor de hele groep uitgelachen om haar accent, ze heeft het bij de opleider aangekaart'],
  ])('%s', async (text) => {
    expect((await classifier.classify(text)).perspective).toBe('accused');
  });
});

describe('a writer who names their own managing role is the manager', () => {
  test.each([
    ['Head of the cleaning crew here, two of my people say the shift planner asks them for money'],
    ['Unit coordinator here: a student says her supervisor keeps commenting on her body'],
    ['Als coördinator van de stages hoorde ik van een stagiair dat zijn praktijkbegeleider hem steeds kleineert'],
  ])('%s', async (text) => {
    expect((await classifier.classify(text)).perspective).toBe('manager');
  });
});

describe('a lexicon term that a stem would confuse is matched exactly', () => {
  test.each([
    ['"vasthouden" (to hold) is no "vasten" (fasting, a religious practice)', 'De opleider houdt een aios al een uur vast in de artsenkamer'],
    ['"hield haar vast"', 'Hij hield haar vast bij de lift'],
  ])('%s', (_kind, text) => {
    expect(classifier.explain(text, 'nl').matchedTerms).not.toContain('topic:discrimination:=vasten');
  });

  test('"vasten" itself still names it', () => {
    expect(classifier.explain('Ze lachen haar uit omdat ze tijdens de ramadan aan het vasten is', 'nl').matchedTerms).toContain('topic:discrimination:=vasten');
  });
});
