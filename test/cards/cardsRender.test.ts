import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CARD_TEMPLATES } from '../../src/cards/cardRenderer';
import { buildCardPreviews, type CardPreviewReport } from '../../src/cards/preview/cardPreview';
import { chromiumSource } from '../../src/cards/preview/headlessChromium';
import { previewCards } from '../../src/cards/preview/previewCards';
import { loadContent } from '../../src/content/loadContent';
import { LOCALES } from '../../src/guidance/vocabulary';

/**
 * Every card, in both languages, as Teams would draw it: the official adaptivecards renderer
 * in headless Chromium with a Teams host config. The same build as `npm run cards:preview`.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const CONTENT_DIR = path.join(ROOT, 'content');

let outDir: string;
let report: CardPreviewReport | undefined;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cards-preview-'));
  // `npm ci` installs Chromium; a missing browser is a broken machine, not a reason to skip.
  report = await buildCardPreviews({ outDir, contentDir: CONTENT_DIR, cardsDir: path.join(ROOT, 'cards') });
}, 120_000);

afterAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
});

describe('every card renders in the Adaptive Cards renderer under a Teams host config', () => {
  it(`runs on the Chromium from ${chromiumSource()}`, () => {
    expect(report).toBeDefined();
  });

  it('has no parse, validation or render errors in any card', () => {
    const problems = (report?.results ?? []).flatMap((result) =>
      result.errors.map((error) => `${result.locale}/${result.name}: ${error}`),
    );
    expect(report).toBeDefined();
    expect(problems).toEqual([]);
  });

  it('cuts off no button title at the width Teams gives a card', () => {
    const truncated = (report?.results ?? []).flatMap((result) =>
      result.warnings.map((warning) => `${result.locale}/${result.name}: ${warning}`),
    );
    expect(report).toBeDefined();
    expect(truncated).toEqual([]);
  });

  it('drew a PNG for every card in every locale, and an index that lists them', async () => {
    expect(report).toBeDefined();
    const content = loadContent(CONTENT_DIR);
    for (const locale of LOCALES) {
      for (const card of await previewCards(content, locale)) {
        const file = path.join(outDir, locale, `${card.name}.png`);
        expect({ card: `${locale}/${card.name}`, exists: fs.existsSync(file) }).toEqual({ card: `${locale}/${card.name}`, exists: true });
        // A PNG signature and more than an empty frame.
        const bytes = fs.readFileSync(file);
        expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
        expect(bytes.length).toBeGreaterThan(2_000);
      }
    }
    const index = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
    for (const result of report!.results) expect(index).toContain(`src="${result.png}"`);
  });

  it('covers every card template', () => {
    const rendered = new Set(report?.results.map((result) => result.template));
    expect([...rendered].sort()).toEqual([...CARD_TEMPLATES].sort());
  });
});
