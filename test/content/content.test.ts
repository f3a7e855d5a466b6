import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContentError, findStringKeyMismatches, loadContent } from '../../src/content/loadContent';
import { resolveGuidance } from '../../src/guidance/guidance';
import { LOCALES, PERSPECTIVES, ROLES, TOPICS } from '../../src/guidance/vocabulary';

const CONTENT_DIR = path.resolve(__dirname, '..', '..', 'content');

describe('the shipped content', () => {
  const content = loadContent(CONTENT_DIR);

  it('has guidance for every topic × perspective × locale, with 3-5 steps and example sentences', () => {
    let combinations = 0;
    for (const topic of TOPICS) {
      for (const perspective of PERSPECTIVES) {
        for (const locale of LOCALES) {
          const guidance = content.guidance[topic].perspectives[perspective][locale];
          expect(guidance.headline.length).toBeGreaterThan(10);
          expect(guidance.steps.length).toBeGreaterThanOrEqual(3);
          expect(guidance.steps.length).toBeLessThanOrEqual(5);
          expect(guidance.sayThis.length).toBeGreaterThanOrEqual(2);
          combinations += 1;
        }
      }
    }
    expect(combinations).toBe(56);
  });

  it('has a role note for every topic × role × locale', () => {
    for (const topic of TOPICS) for (const role of ROLES) for (const locale of LOCALES) {
      expect(content.guidance[topic].roleNotes[role][locale].length).toBeGreaterThan(10);
    }
  });

  it('routes integrity topics to their own help routes', () => {
    expect(content.guidance['research-integrity'].helpRoute).toBe('research-integrity-counsellor');
    expect(content.guidance['other-integrity'].helpRoute).toBe('integrity-officer');
    for (const topic of ['sexual-harassment', 'discrimination', 'bullying', 'aggression', 'abuse-of-power'] as const) {
      expect(content.guidance[topic].helpRoute).toBe('confidential-adviser');
    }
  });

  it('gives every guidance card distinct links, each to its own page', () => {
    const repeated: string[] = [];
    for (const topic of TOPICS) {
      for (const role of ROLES) {
        for (const locale of LOCALES) {
          const urls = resolveGuidance(content, { topic, perspective: 'witness', role, locale }).links.map((link) => link.url);
          if (new Set(urls).size !== urls.length) repeated.push(`${topic}/${role}/${locale}`);
        }
      }
    }
    expect(repeated).toEqual([]);
  });

  it('has only well-formed https links', () => {
    const urls: string[] = [];
    const collect = (node: unknown) => {
      if (typeof node === 'string' && /^https?:/.test(node)) urls.push(node);
      else if (node && typeof node === 'object') Object.values(node).forEach(collect);
    };
    collect(content.organisation.links);
    collect(content.organisation.helpRoutes);
    expect(urls.length).toBeGreaterThan(30);
    for (const url of urls) {
      expect(url.startsWith('https://')).toBe(true);
      expect(() => new URL(url)).not.toThrow();
    }
  });

  it('has every UI string in both Dutch and English, with the same placeholders', () => {
    expect(Object.keys(content.strings.nl).sort()).toEqual(Object.keys(content.strings.en).sort());
    expect(findStringKeyMismatches(content.strings)).toEqual([]);
  });

  it('uses every UI string key the code refers to', () => {
    const source = readSources(path.resolve(__dirname, '..', '..', 'src'));
    const literalKeys = [...source.matchAll(/\bt\('([a-zA-Z][\w.-]+)'/g)].map((match) => match[1]);
    for (const key of literalKeys) expect(content.strings.en[key]).toBeDefined();
  });
});

describe('content validation', () => {
  function brokenCopy(change: (dir: string) => void): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-'));
    fs.cpSync(CONTENT_DIR, dir, { recursive: true });
    change(dir);
    return dir;
  }

  it('refuses to start without the real words the classifier reads typing errors with, but builds the models without them', () => {
    const dir = brokenCopy((copy) => fs.rmSync(path.join(copy, 'nlu', 'real-words.json')));
    expect(() => loadContent(dir)).toThrow(ContentError);
    expect(() => loadContent(dir)).toThrow(/nlu\/real-words\.json cannot be read/);
    expect(loadContent(dir, { ignoreTrainedModels: true }).realWords).toBeUndefined();
    expect(loadContent(CONTENT_DIR).realWords?.nl.length).toBeGreaterThan(0);
  });

  it('names the file and field when guidance is missing a perspective', () => {
    const dir = brokenCopy((copy) => {
      const file = path.join(copy, 'guidance', 'bullying.json');
      const topic = JSON.parse(fs.readFileSync(file, 'utf8'));
      delete topic.perspectives.manager.nl;
      fs.writeFileSync(file, JSON.stringify(topic));
    });
    expect(() => loadContent(dir)).toThrow(ContentError);
    expect(() => loadContent(dir)).toThrow(/guidance\/bullying\.json: perspectives\.manager\.nl/);
  });

  it('refuses template syntax and URLs in texts, and bad links in organisation.json', () => {
    const dir = brokenCopy((copy) => {
      const file = path.join(copy, 'guidance', 'aggression.json');
      const topic = JSON.parse(fs.readFileSync(file, 'utf8'));
      topic.perspectives.witness.en.headline = 'Call ${security} now';
      topic.perspectives.witness.nl.afterwards = 'Zie https://example.org';
      fs.writeFileSync(file, JSON.stringify(topic));
      const organisationFile = path.join(copy, 'organisation.json');
      const organisation = JSON.parse(fs.readFileSync(organisationFile, 'utf8'));
      organisation.links.elearning.nl = 'http://not-secure.example';
      fs.writeFileSync(organisationFile, JSON.stringify(organisation));
    });
    let message = '';
    try {
      loadContent(dir);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/aggression\.json: perspectives\.witness\.en\.headline: must not contain template syntax/);
    expect(message).toMatch(/aggression\.json: perspectives\.witness\.nl\.afterwards: must not contain a URL/);
    expect(message).toMatch(/organisation\.json: links\.elearning\.nl: must be an https:\/\/ URL/);
  });

  it('fails when a UI string exists in one language only', () => {
    const dir = brokenCopy((copy) => {
      const file = path.join(copy, 'strings', 'nl.json');
      const strings = JSON.parse(fs.readFileSync(file, 'utf8'));
      delete strings['welcome.title'];
      fs.writeFileSync(file, JSON.stringify(strings));
    });
    expect(() => loadContent(dir)).toThrow(/strings\/nl\.json: welcome\.title: missing/);
  });

  it('fails when a language lacks its answers to the danger question, or a kind of them', () => {
    const missing = brokenCopy((copy) => fs.rmSync(path.join(copy, 'danger-answers', 'nl.json')));
    expect(() => loadContent(missing)).toThrow(/danger-answers\/nl\.json cannot be read/);
    const empty = brokenCopy((copy) => {
      const file = path.join(copy, 'danger-answers', 'en.json');
      const answers = JSON.parse(fs.readFileSync(file, 'utf8'));
      answers.wholeNo = [];
      answers.yesFirstWords.push('Yes!');
      fs.writeFileSync(file, JSON.stringify(answers));
    });
    let message = '';
    try {
      loadContent(empty);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/danger-answers\/en\.json: wholeNo: /);
    expect(message).toMatch(/danger-answers\/en\.json: yesFirstWords\.\d+: one word in lower case/);
  });

  it('reports a file that is not JSON', () => {
    const dir = brokenCopy((copy) => fs.writeFileSync(path.join(copy, 'guidance', 'bullying.json'), '{ not json'));
    expect(() => loadContent(dir)).toThrow(/guidance\/bullying\.json is not valid JSON/);
  });
});

function readSources(dir: string): string {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .map((entry) =>
      entry.isDirectory() ? readSources(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? fs.readFileSync(path.join(dir, entry.name), 'utf8') : '',
    )
    .join('\n');
}
