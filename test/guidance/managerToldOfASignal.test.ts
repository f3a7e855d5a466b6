import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier } from '../../src/guidance/classifier';

/*
 * PRODUCT.md: the manager is the "leidinggevende die een signaal krijgt", and issue 11 names the kind: "a head of department
 * whom staff tell about a problem is a manager". The perspective regression read many such stories as a witness's (someone
 * told the writer) or a target's (the writer's "me"). A writer who names a role that receives signals as their own
 * (lexicon.writerRole.manages: "as head of department", "I'm her team lead", "ik ben teamleider", "afdelingshoofd hier") and is
 * told of something by someone else (`toldBy`: "told me", "came to me", "vertelde me", "kwamen bij me klagen") is the manager
 * (decision.ts, a rule beside the regression). Someone else's manager ("mijn diensthoofd", "your own boss") and a writer in
 * another role ("I'm a nurse") are not. Sentences written for this test, in the kinds the readable sets show.
 */

const root = path.resolve(__dirname, '..', '..');
const content = loadContent(path.join(root, 'content'));
let classifier: Classifier;

beforeAll(async () => {
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
}, 60_000);

describe('a writer in a managing role who is told of something is the manager', () => {
  test.each([
    ['en', 'I am the head of radiology and two of my technicians came to me because a colleague keeps ignoring them in meetings.'],
    ['en', "A porter told me this week that his shift leader only gives the good shifts to his friends. I'm his team lead, what now?"],
    ['en', 'Ward manager here: a student confided that a doctor keeps making remarks about her headscarf.'],
    ['en', 'As clinical director I received a complaint that a consultant shouts at the junior doctors during rounds.'],
    ['nl', 'Ik ben teamleider op de poli en een doktersassistente vertelde me dat een arts haar steeds voor dom uitmaakt.'],
    ['nl', 'Afdelingshoofd hier. Twee verpleegkundigen kwamen bij me klagen dat een collega roddels over hen verspreidt.'],
    ['nl', 'Als leidinggevende van de schoonmaak hoorde ik van een medewerker dat de voorman geld vraagt voor betere diensten.'],
  ] as const)('(%s) "%s"', async (locale, text) => {
    expect((await classifier.classify(text, { locale })).perspective).toBe('manager');
  });
});

describe('someone else in a managing role, or a writer in another role, is not the manager', () => {
  test.each([
    ['en', "I'm a nurse on the ward and a colleague told me our manager keeps shouting at her.", 'witness'],
    ['en', 'My head of department told me he will not renew my contract if I complain again.', 'target'],
    ['nl', 'Mijn leidinggevende zegt dat hij mijn contract niet verlengt als ik nog een keer klaag.', 'target'],
    ['nl', 'Ik ben verpleegkundige en een collega vertelde me dat de teamleider haar uitscheldt.', 'witness'],
  ] as const)('(%s) "%s"', async (locale, text, perspective) => {
    expect((await classifier.classify(text, { locale })).perspective).toBe(perspective);
  });
});
