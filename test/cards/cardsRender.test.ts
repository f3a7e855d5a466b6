import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CARD_TEMPLATES } from '../../src/cards/cardRenderer';
import { buildCardPreviews, GUIDANCE_FIRST_SCREEN_GOAL_PX, PHONE_WIDTH_PX, type CardPreviewReport } from '../../tools/cardPreview/cardPreview';
import { chromiumSource } from '../../tools/cardPreview/headlessChromium';
import { previewCards } from '../../tools/cardPreview/sampleCards';
import { withEveryPoolDeployed } from '../../src/content/appContent';
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
}, 600_000);

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
    const content = withEveryPoolDeployed(loadContent(CONTENT_DIR));
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

  it(`measures every card on a ${PHONE_WIDTH_PX} px phone: no word broken mid-word, no number or case code split, no text cut off`, () => {
    expect(report).toBeDefined();
    const drawn = report!.results.filter((result) => result.phone);
    expect(drawn.map((result) => `${result.locale}/${result.name}`)).toEqual(report!.results.map((result) => `${result.locale}/${result.name}`));
    const problems = [...drawn.map((result) => ({ where: `${result.locale}/${result.name}`, ...result.phone! })), ...report!.guidanceOnPhone.map((card) => ({ where: `${card.locale}/guidance ${card.topic} ${card.perspective}`, ...card }))]
      .filter(({ brokenWords, splitNumbers, clipped }) => brokenWords.length + splitNumbers.length + clipped.length > 0)
      .map(({ where, brokenWords, splitNumbers, clipped }) => ({ where, brokenWords, splitNumbers, clipped }));
    expect(problems).toEqual([]);
    for (const result of drawn) expect(result.phone!.heightPx).toBeGreaterThan(50);
  });

  it(`folds every guidance card on a phone to its headline, steps and main buttons, under ${GUIDANCE_FIRST_SCREEN_GOAL_PX} px (it was 1,700 px)`, () => {
    expect(report).toBeDefined();
    // Every topic × perspective × language, not only the samples drawn above.
    expect(report!.guidanceOnPhone).toHaveLength(56);
    const heights = report!.guidanceOnPhone.map((card) => card.heightPx);
    const tooTall = report!.guidanceOnPhone.filter((card) => card.heightPx >= GUIDANCE_FIRST_SCREEN_GOAL_PX).map((card) => `${card.locale}/${card.topic} ${card.perspective}: ${card.heightPx} px`);
    expect(tooTall).toEqual([]);
    // Measured on 6 December 2026: 718-897 px, median 802 (npm run cards:preview -- --guidance).
    const median = [...heights].sort((a, b) => a - b)[Math.floor(heights.length / 2)];
    expect(median).toBeLessThan(820);
  });

  it('has no serious or critical accessibility violation (axe-core, WCAG 2.2 A and AA) in any card, in either language', () => {
    expect(report).toBeDefined();
    const severe = report!.results.flatMap((result) =>
      (result.accessibility ?? [])
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${result.locale}/${result.name}: ${violation.rule} (${violation.help}) at ${violation.targets.join(', ')}`),
    );
    expect(report!.results.every((result) => result.accessibility !== undefined)).toBe(true);
    expect(severe).toEqual([]);
  });

  it('marks a heading on every card, so a screen reader can find where each card starts', () => {
    expect(report).toBeDefined();
    const withoutHeading = report!.results.filter((result) => (result.phone?.headings ?? 0) < 1).map((result) => `${result.locale}/${result.name}`);
    expect(withoutHeading).toEqual([]);
  });
});
