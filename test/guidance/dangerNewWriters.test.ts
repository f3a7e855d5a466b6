import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { compileDangerCues, type DangerAssessor } from '../../src/guidance/classifier/danger';

const root = path.resolve(__dirname, '..', '..');
/** The rules alone. */
let assess: DangerAssessor;

beforeAll(() => {
  const content = loadContent(path.join(root, 'content'));
  assess = compileDangerCues(content.dangerCues);
});

/*
 * Kinds of wording that new writers use and the rules missed (7 December, read from the fresh set's
 * mistakes for their kind only). Every sentence here was written for this test; none comes from an
 * evaluation set.
 */
describe('a question about what to do beside harm told in present grammar asks what to do now', () => {
  test.each([
    ['whether something is allowed, English', 'A visitor is kicking a nurse in the family room. Are we allowed to lock the corridor?'],
    ['whom to call, English', 'Two porters are punching each other by the loading bay. Who do I call?'],
    ['which emergency number, English', 'A man is hitting his wife in the lift lobby. I cannot find the emergency number.'],
    ['whom to call, Dutch', 'Twee bezoekers staan elkaar te slaan bij de lift. Bel ik de beveiliging of de politie?'],
    ['which emergency number, Dutch', 'Er is iemand een verpleegkundige aan het schoppen op de gang. Wat is het alarmnummer hier?'],
  ])('not none: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
    expect(assess(text).reasons.join(' ')).not.toContain('frame');
  });

  test.each([
    ['a question about what to do when harm is told without the present, English', 'Are we allowed to lock the ward door when a patient has hit someone before?'],
    ['whom to call if it ever happens, Dutch', 'Bel ik de beveiliging of de politie als een bezoeker ooit gaat slaan?'],
    ['a question about what is allowed after a past fight, English', 'Last month a visitor punched a porter. Are we allowed to ban him from the site?'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});
