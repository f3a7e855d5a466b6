import path from 'node:path';
import { answerLines } from '../../scripts/ask';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier, type Classifier, type ClassifierInternals } from '../../src/guidance/classifier';

/*
 * Review 29, defect: `ask --explain` is documented to print what decided each answer (README: "prints the deciding
 * rule ... and the cues under each answer"). It prints only the regression's strongest features for the final label,
 * also when no label was decided (a null perspective is explained as if it were `witness`, scripts/ask.ts via
 * src/guidance/classifier/index.ts: `perspective ?? 'witness'`) and when a rule, not the regression, decided
 * (the first-person self-harm rule of decision.ts turns the regression's witness into the target).
 */
const root = path.resolve(__dirname, '..', '..');
let classifier: Classifier & ClassifierInternals;

beforeAll(async () => {
  const content = loadContent(path.join(root, 'content'));
  classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels, content.realWords);
});

async function explained(question: string): Promise<string[]> {
  const lines: string[] = [];
  async function* input() {
    yield question;
  }
  await answerLines(classifier, input(), { json: false, explain: true }, (line) => lines.push(line));
  return lines;
}

describe('ask --explain names what decided', () => {
  test('a message without a perspective gets no features for a perspective it was not given', async () => {
    const lines = await explained('hello');
    expect(lines[0]).toContain('perspective none');
    const perspectiveLine = lines.find((line) => line.startsWith('  perspective'));
    expect(perspectiveLine).toBe('  perspective (no features)');
  });

  test('a perspective set by the first-person self-harm rule is explained by that rule, not by the regression it overruled', async () => {
    // classifier.test.ts: "not wanting to be here and a rope ready, where the regression reads a witness (nl)".
    const lines = await explained('ik wil er niet meer zijn, het touw ligt al in de kofferbak');
    expect(lines[0]).toContain('perspective target');
    const perspectiveLine = lines.find((line) => line.startsWith('  perspective'))!;
    expect(perspectiveLine).toMatch(/self-harm|rule/);
    // The rule by name, the regression's witness beside it, and none of the regression's features as if they had decided.
    expect(perspectiveLine).toMatch(/^ {2}perspective decided by the rule of the writer's own self-harm \(the regression's own choice: witness 0\.\d\d; its features did not decide\)$/);
  });

  test('a perspective set by the rule of someone else\'s self-harm is explained by that rule', async () => {
    // classifier.test.ts: "a student on a windowsill, the writer on the stairs (nl)".
    const lines = await explained('een student zit op de vensterbank van de vijfde, het raam is open en hij zegt dat hij springt, ik sta op de trap');
    expect(lines[0]).toContain('perspective witness');
    expect(lines.find((line) => line.startsWith('  perspective'))).toMatch(/^ {2}perspective decided by the rule of someone else's self-harm \(the regression's own choice: target 0\.\d\d; its features did not decide\)$/);
  });

  test('a topic set by a rule over the scores names that rule, with no features (the taken rule: theft, not a grab)', async () => {
    const lines = await explained('he took 50 euro from the till');
    expect(lines[0]).toContain('topic other-integrity');
    expect(lines.filter((line) => line.startsWith('  topic'))).toEqual(['  topic decided by the rule of lexicon.taken']);
  });

  test('a label the regression decided gets its features; the topic scores say so, with the regression\'s own choice beside them', async () => {
    const lines = await explained('I want to report my colleague for sexual remarks');
    expect(lines.find((line) => line.startsWith('  intent'))).toMatch(/^ {2}intent decided by the regression \(the regression's own choice: report 1\.00\): .*i:report/);
    expect(lines.find((line) => line.startsWith('  topic'))).toMatch(/^ {2}topic decided by the scores \(the regression's own choice: sexual-harassment 0\.\d\d\): .*t:sexual-harassment/);
  });
});
