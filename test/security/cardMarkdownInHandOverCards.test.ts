import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CARDS_DIR } from '../../src/app';
import { buildAdvisorCaseCard } from '../../src/cards/advisorCaseCard';
import { cardContextFor } from '../../src/cards/cardContext';
import { CardRenderer } from '../../src/cards/cardRenderer';
import teamsHostConfig from '../../tools/cardPreview/teamsHostConfig.json';
import { launchHeadlessChromium } from '../../tools/cardPreview/headlessChromium';
import { LOCALES } from '../../src/guidance/vocabulary';
import { loadShippedContent, sampleCase } from '../support/sampleCards';

/**
 * The card-Markdown row for the hand-over lines of the adviser's card: the claimer's status line
 * names the colleague the case is offered to, the colleague's names the claimer. Both names come
 * from the directory and are drawn in a TextBlock, which Teams renders as Markdown.
 * cardMarkdown.test.ts draws no card with an offer, so those names went unescaped unnoticed.
 * Drawn as there: the adaptivecards renderer in headless Chromium with markdown-it.
 */

const LINK = '[Open the form](https://evil.example/form)';
const IMAGE = '![](https://evil.example/pixel.png)';
const EMPHASIS = '**urgent** and _now_';
const HOSTILE_NAME = `Femke ${LINK} ${IMAGE} ${EMPHASIS}`;

const ADAPTIVECARDS_JS = require.resolve('adaptivecards/dist/adaptivecards.min.js');
const MARKDOWN_IT_JS = path.join(path.dirname(require.resolve('markdown-it/package.json')), 'dist', 'markdown-it.min.js');

let browser: Browser | undefined;
let page: Page;
const attemptedRequests: string[] = [];

beforeAll(async () => {
  browser = await launchHeadlessChromium();
  page = await browser.newPage();
  await page.route('**/*', (route) => {
    attemptedRequests.push(route.request().url());
    return route.abort();
  });
  await page.setContent('<!doctype html><html><body><div id="stage" style="width:500px"></div></body></html>');
  await page.addScriptTag({ path: MARKDOWN_IT_JS });
  await page.addScriptTag({ path: ADAPTIVECARDS_JS });
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

async function render(card: object): Promise<{ text: string; links: string[]; images: string[]; emphasis: number }> {
  attemptedRequests.length = 0;
  return page.evaluate(
    ([json, hostConfig]) => {
      const AC = (window as any).AdaptiveCards;
      const stage = document.getElementById('stage')!;
      stage.innerHTML = '';
      const adaptiveCard = new AC.AdaptiveCard();
      adaptiveCard.hostConfig = new AC.HostConfig(hostConfig);
      adaptiveCard.parse(json, new AC.SerializationContext(AC.Versions.v1_5));
      const element = adaptiveCard.render();
      if (element) stage.appendChild(element);
      return {
        text: stage.innerText,
        links: Array.from(stage.querySelectorAll('a')).map((anchor) => anchor.getAttribute('href') ?? ''),
        images: Array.from(stage.querySelectorAll('img')).map((image) => image.getAttribute('src') ?? ''),
        emphasis: stage.querySelectorAll('strong, em').length,
      };
    },
    [card, teamsHostConfig] as const,
  );
}

const normalise = (text: string) => text.replace(/\s+/g, ' ');

describe('names on a case offered to a colleague show exactly as written', () => {
  const content = loadShippedContent();
  const renderer = CardRenderer.load(CARDS_DIR);
  const claimedAt = '2026-11-24T10:05:00.000Z';
  const claimer = { userId: 'adviser-1', displayName: HOSTILE_NAME };
  const colleague = { userId: 'adviser-2', displayName: HOSTILE_NAME };
  const offered = sampleCase({ status: 'claimed', claimedBy: claimer, claimedAt, handOverTo: colleague });

  for (const locale of LOCALES) {
    const context = cardContextFor(content, locale);
    it.each([
      ["the claimer's card (offered to the colleague)", 'adviser-1'],
      ["the colleague's card (offered by the claimer)", 'adviser-2'],
    ])(`${locale}: %s`, async (_name, viewer) => {
      const rendered = await render(renderer.render(buildAdvisorCaseCard(context, offered, { userId: viewer }, [])));
      expect(rendered.links.filter((href) => href.includes('evil.example'))).toEqual([]);
      expect(rendered.images).toEqual([]);
      expect(rendered.emphasis).toBe(0);
      const visible = normalise(rendered.text);
      for (const part of [LINK, IMAGE, EMPHASIS]) expect(visible).toContain(part);
      expect(attemptedRequests.filter((url) => url.includes('evil.example'))).toEqual([]);
    });
  }
});
