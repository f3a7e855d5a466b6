import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { CardRenderer, type AdaptiveCardJson, type CardSpec, type CardTemplateName } from '../../src/cards/cardRenderer';
import { withEveryPoolDeployed } from '../../src/content/appContent';
import { loadContent } from '../../src/content/loadContent';
import { resolveGuidance } from '../../src/guidance/guidance';
import { LOCALES, PERSPECTIVES, TOPICS, type Locale, type Perspective, type Topic } from '../../src/guidance/vocabulary';
import { cardContextFor } from '../../src/cards/cardContext';
import { buildGuidanceCard } from '../../src/cards/guidanceCard';
import { launchHeadlessChromium } from './headlessChromium';
import { PREVIEW_PAGE_HTML } from './previewPage';
import { previewCards } from './sampleCards';
import teamsHostConfig from './teamsHostConfig.json';

export interface CardPreviewOptions {
  /** Where `<locale>/<name>.png` and `index.html` go; the locale folders are replaced. */
  readonly outDir: string;
  readonly contentDir: string;
  readonly cardsDir: string;
  readonly locales?: readonly Locale[];
  /** Only measure the 56 guidance cards on a phone (no PNGs, no axe): quick, while tightening their layout. */
  readonly guidanceOnly?: boolean;
}

export interface CardPreviewResult {
  readonly name: string;
  readonly locale: Locale;
  readonly template: CardTemplateName;
  /** Relative to outDir; undefined when the card could not be drawn at all. */
  readonly png?: string;
  readonly widthPx: number;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /** The card on a phone; undefined when it could not be drawn. */
  readonly phone?: PhoneLayout;
  /** axe-core's findings on the card as drawn on a phone (WCAG 2.2 A and AA rules). */
  readonly accessibility?: readonly AccessibilityViolation[];
}

/** The card as a phone first shows it (collapsed sections stay collapsed), at PHONE_WIDTH_PX. */
export interface PhoneLayout {
  /** Relative to outDir. */
  readonly png: string;
  readonly widthPx: number;
  readonly heightPx: number;
  /** Elements marked as headings (role="heading"), which screen readers jump between. */
  readonly headings: number;
  /** Words wrapped in the middle (a wrap after a hyphen or slash is fine). */
  readonly brokenWords: readonly string[];
  /** Phone numbers and case codes wrapped over two lines. */
  readonly splitNumbers: readonly string[];
  /** Text cut off instead of wrapped. */
  readonly clipped: readonly string[];
}

export interface AccessibilityViolation {
  readonly rule: string;
  readonly impact: 'minor' | 'moderate' | 'serious' | 'critical' | 'unknown';
  readonly help: string;
  /** The offending elements, as CSS selectors. */
  readonly targets: readonly string[];
}

export interface CardPreviewReport {
  readonly outDir: string;
  readonly indexFile: string;
  readonly results: readonly CardPreviewResult[];
  readonly errorCount: number;
  /** Every topic × perspective × locale, as a phone first shows its guidance card (measured, not drawn). */
  readonly guidanceOnPhone: readonly GuidanceOnPhone[];
}

export interface GuidanceOnPhone extends Omit<PhoneLayout, 'png'> {
  readonly topic: Topic;
  readonly perspective: Perspective;
  readonly locale: Locale;
}

/** The goal for a guidance card's first screen on a phone: the headline, the steps and the main buttons. */
export const GUIDANCE_FIRST_SCREEN_GOAL_PX = 900;

/**
 * Approximate widths of a bot message in Teams desktop chat: a standard card, and a card that
 * asks for `msteams.width: "Full"`.
 */
const STANDARD_WIDTH_PX = 500;
const FULL_WIDTH_PX = 760;
/** A common phone width (CSS pixels) with Teams' chat margins; every card must read well here. */
export const PHONE_WIDTH_PX = 360;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const ADAPTIVECARDS_DIST = path.dirname(require.resolve('adaptivecards/dist/adaptivecards.min.js'));
const ROBOTO_FILES = path.join(path.dirname(require.resolve('@fontsource/roboto/package.json')), 'files');

/**
 * Builds every card with the real builders and content, and renders each with the official
 * adaptivecards renderer in headless Chromium under a Teams light host config: parse events
 * and validation failures are collected per card, and each card is saved as a PNG.
 */
export async function buildCardPreviews(options: CardPreviewOptions): Promise<CardPreviewReport> {
  const locales = options.locales ?? LOCALES;
  const content = withEveryPoolDeployed(loadContent(options.contentDir));
  const renderer = CardRenderer.load(options.cardsDir);

  for (const locale of options.guidanceOnly ? [] : locales) {
    fs.rmSync(path.join(options.outDir, locale), { recursive: true, force: true });
    fs.mkdirSync(path.join(options.outDir, locale), { recursive: true });
  }

  const server = await servePreviewPage();
  const browser = await launchHeadlessChromium();
  const results: CardPreviewResult[] = [];
  const guidanceOnPhone: GuidanceOnPhone[] = [];
  try {
    // axe-core's Playwright builder needs a page inside an explicit browser context.
    const browserContext = await browser.newContext({ viewport: { width: FULL_WIDTH_PX + 80, height: 900 }, deviceScaleFactor: 1 });
    const page = await browserContext.newPage();
    const pageProblems: string[] = [];
    page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageProblems.push(`console error: ${message.text()}`);
    });
    // A card must not depend on anything outside the machine; block and report any attempt.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.origin) || url.startsWith('data:')) return route.continue();
      pageProblems.push(`the card tried to load ${url}`);
      return route.abort();
    });
    await page.goto(`${server.origin}/`, { waitUntil: 'load' });
    await page.waitForFunction('typeof window.renderPreviewCard === "function" && !!window.AdaptiveCards');
    await page.evaluate('Promise.all([400, 600, 700].map((weight) => document.fonts.load(weight + " 16px Roboto")))');

    for (const locale of locales) {
      for (const card of options.guidanceOnly ? [] : await previewCards(content, locale)) {
        pageProblems.length = 0;
        results.push(await renderOne(page, renderer, locale, card.name, card.spec, options.outDir, pageProblems));
      }
      const context = cardContextFor(content, locale);
      for (const topic of TOPICS) {
        for (const perspective of PERSPECTIVES) {
          // The role changes only what is folded away, so one role shows the first screen of all three.
          const guidance = resolveGuidance(content, { topic, perspective, role: 'employee', locale });
          const card = renderer.render(buildGuidanceCard(context, guidance, { topic, perspective, urgent: false }));
          await page.evaluate(`window.renderPreviewCard(${JSON.stringify(card)}, ${JSON.stringify(teamsHostConfig)}, ${PHONE_WIDTH_PX})`);
          const layout = (await page.evaluate('window.measureLayout()')) as Omit<PhoneLayout, 'png' | 'widthPx'>;
          guidanceOnPhone.push({ topic, perspective, locale, widthPx: PHONE_WIDTH_PX, ...layout });
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const indexFile = path.join(options.outDir, 'index.html');
  if (!options.guidanceOnly) fs.writeFileSync(indexFile, indexHtml(results, locales));
  return {
    outDir: options.outDir,
    indexFile,
    results,
    errorCount: results.reduce((sum, result) => sum + result.errors.length, 0),
    guidanceOnPhone,
  };
}

async function renderOne(
  page: Page,
  renderer: CardRenderer,
  locale: Locale,
  name: string,
  spec: CardSpec,
  outDir: string,
  pageProblems: string[],
): Promise<CardPreviewResult> {
  let json: AdaptiveCardJson;
  try {
    json = renderer.render(spec);
  } catch (error) {
    const message = `template expansion failed: ${(error as Error).message}`;
    return { name, locale, template: spec.template, widthPx: STANDARD_WIDTH_PX, errors: [message], warnings: [] };
  }
  const fullWidth = (json.msteams as { width?: string } | undefined)?.width === 'Full';
  const widthPx = fullWidth ? FULL_WIDTH_PX : STANDARD_WIDTH_PX;
  const outcome = (await page.evaluate(
    `window.renderPreviewCard(${JSON.stringify(json)}, ${JSON.stringify(teamsHostConfig)}, ${widthPx})`,
  )) as { errors: string[]; warnings: string[] };
  const png = path.join(locale, `${name}.png`);
  await page.locator('#frame').screenshot({ path: path.join(outDir, png), animations: 'disabled' });
  const errors = [...outcome.errors, ...pageProblems];
  if (outcome.errors.length > 0) return { name, locale, template: spec.template, png, widthPx, errors, warnings: outcome.warnings };

  await page.evaluate(`window.renderPreviewCard(${JSON.stringify(json)}, ${JSON.stringify(teamsHostConfig)}, ${PHONE_WIDTH_PX})`);
  const layout = (await page.evaluate('window.measureLayout()')) as Omit<PhoneLayout, 'png' | 'widthPx'>;
  const phonePng = path.join(locale, `${name}.phone.png`);
  await page.locator('#frame').screenshot({ path: path.join(outDir, phonePng), animations: 'disabled' });
  const axe = await new AxeBuilder({ page }).include('#stage').withTags(AXE_TAGS).analyze();
  return {
    name,
    locale,
    template: spec.template,
    png,
    widthPx,
    errors,
    warnings: outcome.warnings,
    phone: { png: phonePng, widthPx: PHONE_WIDTH_PX, ...layout },
    accessibility: axe.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    })),
  };
}

interface PreviewServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves the preview page and the renderer from node_modules on loopback. */
async function servePreviewPage(): Promise<PreviewServer> {
  const files: Record<string, { file: string; type: string }> = {
    '/adaptivecards.min.js': { file: path.join(ADAPTIVECARDS_DIST, 'adaptivecards.min.js'), type: 'text/javascript' },
    '/adaptivecards.css': { file: path.join(ADAPTIVECARDS_DIST, 'adaptivecards.css'), type: 'text/css' },
  };
  const server = http.createServer((req, res) => {
    const route = (req.url ?? '/').split('?')[0];
    const font = /^\/fonts\/(roboto-latin-\d{3}-normal\.woff2)$/.exec(route);
    if (font) {
      res.writeHead(200, { 'content-type': 'font/woff2' });
      fs.createReadStream(path.join(ROBOTO_FILES, font[1])).pipe(res);
      return;
    }
    if (route === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PREVIEW_PAGE_HTML);
      return;
    }
    const asset = files[route];
    if (!asset) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8` });
    fs.createReadStream(asset.file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function indexHtml(results: readonly CardPreviewResult[], locales: readonly Locale[]): string {
  const names = [...new Set(results.map((result) => result.name))];
  const cell = (result: CardPreviewResult | undefined): string => {
    if (!result) return '<td class="missing">not built</td>';
    const problems = [
      ...result.errors.map((error) => `<li class="error">${escapeHtml(error)}</li>`),
      ...result.warnings.map((warning) => `<li class="warning">${escapeHtml(warning)}</li>`),
    ].join('');
    const image = result.png ? `<img src="${escapeHtml(result.png)}" alt="${escapeHtml(`${result.name} (${result.locale})`)}" loading="lazy">` : '';
    const phone = result.phone
      ? `<figure><img src="${escapeHtml(result.phone.png)}" alt="${escapeHtml(`${result.name} (${result.locale}) on a phone`)}" loading="lazy">` +
        `<figcaption>${escapeHtml(phoneSummary(result))}</figcaption></figure>`
      : '';
    return `<td><div class="pair">${image}${phone}</div>${problems ? `<ul>${problems}</ul>` : ''}</td>`;
  };
  const rows = names
    .map((name) => {
      const cells = locales.map((locale) => cell(results.find((result) => result.name === name && result.locale === locale))).join('');
      const template = results.find((result) => result.name === name)?.template ?? '';
      const failed = results.some((result) => result.name === name && result.errors.length > 0);
      return `<tr id="${escapeHtml(name)}"${failed ? ' class="failed"' : ''}><th scope="row">${escapeHtml(name)}<small>cards/${escapeHtml(template)}.json</small></th>${cells}</tr>`;
    })
    .join('\n');
  const errorCount = results.reduce((sum, result) => sum + result.errors.length, 0);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Card preview</title>
<style>
  body { font-family: 'Segoe UI', system-ui, sans-serif; margin: 24px; color: #242424; background: #FAFAFA; }
  table { border-collapse: collapse; }
  th, td { vertical-align: top; text-align: left; padding: 12px; border-bottom: 1px solid #E0E0E0; }
  th[scope=row] { width: 200px; font-weight: 600; }
  th small { display: block; font-weight: 400; color: #616161; margin-top: 4px; }
  img { display: block; max-width: 800px; }
  .pair { display: flex; gap: 16px; align-items: flex-start; }
  figure { margin: 0; }
  figcaption { font-size: 13px; color: #616161; max-width: 384px; margin-top: 4px; }
  ul { margin: 8px 0 0; padding-left: 18px; max-width: 760px; font-size: 13px; }
  .error { color: #C4314B; }
  .warning { color: #835B00; }
  tr.failed th { color: #C4314B; }
</style>
</head>
<body>
<h1>Card preview</h1>
<p>Every card built by its real data builder from the shipped content, rendered by the adaptivecards JS renderer
with a Microsoft Teams light host config (standard cards ${STANDARD_WIDTH_PX}px, full-width cards ${FULL_WIDTH_PX}px),
and beside it as a phone first shows it (${PHONE_WIDTH_PX}px, Roboto), with its height and axe-core's accessibility findings.
${results.length} renders, ${errorCount} errors. Regenerate with <code>npm run cards:preview</code>.</p>
<table>
<thead><tr><th>card</th>${locales.map((locale) => `<th>${locale}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}

/** The guidance cards' first screen on a phone, in one line: range, median and how many meet the goal. */
export function guidanceHeightSummary(cards: readonly GuidanceOnPhone[]): string {
  if (cards.length === 0) return 'no guidance cards measured';
  const heights = cards.map((card) => card.heightPx).sort((a, b) => a - b);
  const median = heights[Math.floor(heights.length / 2)];
  const underGoal = heights.filter((height) => height < GUIDANCE_FIRST_SCREEN_GOAL_PX).length;
  const tallest = [...cards].sort((a, b) => b.heightPx - a.heightPx).slice(0, 3);
  return (
    `guidance first screen at ${PHONE_WIDTH_PX} px: ${heights[0]}-${heights.at(-1)} px (median ${median}), ` +
    `${underGoal} of ${cards.length} under ${GUIDANCE_FIRST_SCREEN_GOAL_PX} px; tallest: ` +
    tallest.map((card) => `${card.locale}/${card.topic} ${card.perspective} ${card.heightPx} px`).join(', ')
  );
}

/** One line per card for people: its phone height and what is wrong with it on a phone. */
export function phoneSummary(result: CardPreviewResult): string {
  if (!result.phone) return 'not drawn on a phone';
  const { heightPx, brokenWords, splitNumbers, clipped, headings } = result.phone;
  const severe = (result.accessibility ?? []).filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const other = (result.accessibility ?? []).length - severe.length;
  return [
    `${heightPx} px high at ${PHONE_WIDTH_PX} px`,
    `${headings} heading${headings === 1 ? '' : 's'}`,
    `axe: ${severe.length} serious or critical${other > 0 ? `, ${other} minor or moderate` : ''}${severe.length > 0 ? ` (${severe.map((violation) => violation.rule).join(', ')})` : ''}`,
    ...(brokenWords.length > 0 ? [`words broken: ${brokenWords.join(', ')}`] : []),
    ...(splitNumbers.length > 0 ? [`numbers split: ${splitNumbers.join(', ')}`] : []),
    ...(clipped.length > 0 ? [`text cut off: ${clipped.join(', ')}`] : []),
  ].join('; ');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
