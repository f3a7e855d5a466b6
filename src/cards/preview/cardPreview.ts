import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CardRenderer, type AdaptiveCardJson, type CardSpec, type CardTemplateName } from '../cardRenderer';
import { loadContent } from '../../content/loadContent';
import { LOCALES, type Locale } from '../../guidance/vocabulary';
import { launchHeadlessChromium } from './headlessChromium';
import { PREVIEW_PAGE_HTML } from './previewPage';
import { previewCards } from './previewCards';
import teamsHostConfig from './teamsHostConfig.json';

export interface CardPreviewOptions {
  /** Where `<locale>/<name>.png` and `index.html` go; the locale folders are replaced. */
  readonly outDir: string;
  readonly contentDir: string;
  readonly cardsDir: string;
  readonly locales?: readonly Locale[];
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
}

export interface CardPreviewReport {
  readonly outDir: string;
  readonly indexFile: string;
  readonly results: readonly CardPreviewResult[];
  readonly errorCount: number;
}

/**
 * Approximate widths of a bot message in Teams desktop chat: a standard card, and a card that
 * asks for `msteams.width: "Full"`.
 */
const STANDARD_WIDTH_PX = 500;
const FULL_WIDTH_PX = 760;

const ADAPTIVECARDS_DIST = path.dirname(require.resolve('adaptivecards/dist/adaptivecards.min.js'));

/**
 * Builds every card with the real builders and content, and renders each with the official
 * adaptivecards renderer in headless Chromium under a Teams light host config: parse events
 * and validation failures are collected per card, and each card is saved as a PNG.
 */
export async function buildCardPreviews(options: CardPreviewOptions): Promise<CardPreviewReport> {
  const locales = options.locales ?? LOCALES;
  const content = loadContent(options.contentDir);
  const renderer = CardRenderer.load(options.cardsDir);

  for (const locale of locales) {
    fs.rmSync(path.join(options.outDir, locale), { recursive: true, force: true });
    fs.mkdirSync(path.join(options.outDir, locale), { recursive: true });
  }

  const server = await servePreviewPage();
  const browser = await launchHeadlessChromium();
  const results: CardPreviewResult[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: FULL_WIDTH_PX + 80, height: 900 }, deviceScaleFactor: 1 });
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

    for (const locale of locales) {
      for (const card of await previewCards(content, locale)) {
        pageProblems.length = 0;
        results.push(await renderOne(page, renderer, locale, card.name, card.spec, options.outDir, pageProblems));
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const indexFile = path.join(options.outDir, 'index.html');
  fs.writeFileSync(indexFile, indexHtml(results, locales));
  return {
    outDir: options.outDir,
    indexFile,
    results,
    errorCount: results.reduce((sum, result) => sum + result.errors.length, 0),
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
  return {
    name,
    locale,
    template: spec.template,
    png,
    widthPx,
    errors: [...outcome.errors, ...pageProblems],
    warnings: outcome.warnings,
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
    return `<td>${image}${problems ? `<ul>${problems}</ul>` : ''}</td>`;
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
  ul { margin: 8px 0 0; padding-left: 18px; max-width: 760px; font-size: 13px; }
  .error { color: #C4314B; }
  .warning { color: #835B00; }
  tr.failed th { color: #C4314B; }
</style>
</head>
<body>
<h1>Card preview</h1>
<p>Every card built by its real data builder from the shipped content, rendered by the adaptivecards JS renderer
with a Microsoft Teams light host config (standard cards ${STANDARD_WIDTH_PX}px, full-width cards ${FULL_WIDTH_PX}px).
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

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
