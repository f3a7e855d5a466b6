import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findGlossaryViolations, findUnusedGlossaryTerms, loadGlossary, readableTexts } from '../../src/content/glossary';
import { loadContent } from '../../src/content/loadContent';
import { CONTENT_DIR } from '../support/sampleCards';

/** One name for one thing: content/glossary.json says which; every text follows it. */
describe('the glossary', () => {
  const content = loadContent(CONTENT_DIR);
  const glossary = loadGlossary(CONTENT_DIR);

  it('covers the terms the review found with three names each, and the language slips', () => {
    const concepts = glossary.terms.map((term) => term.use.en);
    expect(concepts).toEqual(expect.arrayContaining(['e-learning on appropriate behaviour', 'team dialogue', 'integrity officer', 'concern', 'they']));
  });

  it('is followed by every guidance text, UI string and help route name', () => {
    expect(readableTexts(content).length).toBeGreaterThan(1000);
    expect(findGlossaryViolations(content, glossary)).toEqual([]);
  });

  it('has no term that no text uses', () => {
    expect(findUnusedGlossaryTerms(content, glossary)).toEqual([]);
  });

  it('names the file and field of a text that uses an avoided name, and matches whole words only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-'));
    fs.cpSync(CONTENT_DIR, dir, { recursive: true });
    const file = path.join(dir, 'guidance', 'bullying.json');
    const topic = JSON.parse(fs.readFileSync(file, 'utf8'));
    topic.perspectives.manager.nl.afterwards = 'Overweeg een begeleide teamdialoog.';
    topic.perspectives.manager.en.afterwards = 'Ask the integrity officer, not the integrity office.';
    fs.writeFileSync(file, JSON.stringify(topic));
    try {
      const problems = findGlossaryViolations(loadContent(dir), loadGlossary(dir));
      expect(problems).toEqual([
        expect.stringMatching(/^guidance\/bullying\.json: perspectives\.manager\.nl\.afterwards: uses "teamdialoog"; the glossary says "teamgesprek"/),
        expect.stringMatching(/^guidance\/bullying\.json: perspectives\.manager\.en\.afterwards: uses "integrity office"; the glossary says "integrity officer"/),
      ]);
      expect(problems).toHaveLength(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
