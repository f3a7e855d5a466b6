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
 * Others spared of me (dangerKinds.ts `gone`, told outright): a wish to die told as the relief of the others after a time that
 * is near ("after today nobody will have to deal with me any more", "na vannacht zijn jullie van me af", "jullie hebben binnenkort
 * geen last meer van mij"). Not being there told outright needs no second kind of the field: the danger question. The same words
 * without that near end (a new contract, a neighbour's noise, a lift home) ask nothing. Every sentence was written for this test.
 */
describe('others spared of the writer after tonight gets at least the danger question', () => {
  test.each([
    ['nobody has to deal with me after today', 'After today nobody will have to deal with me any more.'],
    ['no one has to look after me after tonight', 'After tonight no one has to look after me ever again. Just so somebody knows.'],
    ['no problem for anyone after tonight', 'Sorry for the fuss. I will not be a problem for any of you after tonight.'],
    ['rid of me tonight', 'Tell the team they will be rid of me tonight.'],
    ['niemand hoeft meer voor mij te zorgen', 'Na vandaag hoeft niemand meer voor mij te zorgen.'],
    ['niemand hoeft meer mijn diensten te ruilen', 'Na vannacht hoeft niemand meer mijn diensten te ruilen.'],
    ['jullie zijn van me af', 'Bedankt voor alles. Na vanavond zijn jullie van me af.'],
    ['geen last meer van mij', 'Jullie hebben binnenkort geen last meer van mij.'],
  ])('not none: %s', (_kind, text) => {
    const { level, harm } = assess(text);
    expect(level).not.toBe('none');
    expect(harm).toBe('selfHarm');
  });

  test.each([
    ['nobody covers for me since a contract', 'Nobody has to cover for me anymore since I got my own contract.'],
    ['a promise about timesheets', 'I promise I will not be a problem for you after today, I have sorted my timesheets.'],
    ['rid of an old laptop', 'I finally got rid of my old laptop today, can IT collect it?'],
    ['van me af bij pensioen', 'Vanaf maandag zijn jullie van me af, ik ga met pensioen!'],
    ['diensten ruilen na een nieuwe planning', 'Sinds de nieuwe planning hoeft niemand meer mijn diensten te ruilen, fijn.'],
    ['geen last van mij bij de buren', 'Mijn buren hebben geen last meer van mij sinds ik een koptelefoon gebruik.'],
    ['niemand hoeft mij op te halen', 'Vanavond hoeft niemand mij op te halen, ik neem de trein.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});
