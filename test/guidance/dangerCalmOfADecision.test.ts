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
 * The calm of a decision (dangerKinds.ts `decidedCalm`): a person who has decided to die often tells of a sudden calm ("I feel
 * very calm about it actually", "voel me eindelijk rustig", "opgelucht nu ik een datum heb"). It is a kind of the self-harm
 * field of its own, no longer part of the plan, so a chosen date or things handed on beside it are two kinds: the danger
 * question. Alone, or negated, it asks nothing. Every sentence was written for this test.
 */
describe('the calm of a decision beside a chosen date, a farewell or a means gets at least the danger question', () => {
  test.each([
    ['a chosen date and a calm about it', 'I have picked the date now. Honestly I feel so calm about it.'],
    ['things handed on and feeling peaceful', 'Gave my plants to my sister and cleared out my locker. Feels strangely peaceful.'],
    ['a means and being at peace', 'The pills are in my bag. Soon I will be at peace.'],
    ['finally quiet after a farewell', 'The letter for my mum is on the table. Finally some quiet in my head.'],
    ['een datum en opgelucht', 'Ik heb de datum gekozen en ik voel me zo opgelucht.'],
    ['spullen weggegeven en rustig', 'Mijn boeken heb ik weggegeven aan de stagiaires. Ik voel me eindelijk rustig.'],
    ['pillen en kalm', 'De pillen liggen klaar in de kast en ik voel me heel kalm.'],
  ])('not none: %s', (_kind, text) => {
    const { level, harm } = assess(text);
    expect(level).not.toBe('none');
    expect(['selfHarm', 'despair']).toContain(harm);
  });

  test.each([
    ['calm after a talk', 'I feel much calmer since I talked to the adviser yesterday.'],
    ['feeling calmer after thanking', 'Thanks for everything, I feel much calmer now.'],
    ['a date for a wedding', 'We have picked a date for the team outing and I feel relieved it is finally organised.'],
    ['not calm about a plan', 'I do not feel calm about the new rota at all.'],
    ['rustig na een gesprek', 'Ik voel me een stuk rustiger na het gesprek met de vertrouwenspersoon.'],
    ['rustiger na een bedankje', 'Bedankt voor alles, ik voel me nu een stuk rustiger.'],
    ['opgelucht over een melding', 'Ik ben opgelucht nu ik de melding heb gedaan, dank voor de uitleg.'],
    ['niet rustig', 'Ik voel me helemaal niet rustig over die nieuwe leidinggevende.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});
