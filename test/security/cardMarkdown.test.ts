import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CARDS_DIR } from '../../src/app';
import { buildAdvisorCaseCard } from '../../src/cards/advisorCaseCard';
import { cardContextFor, type CardContext } from '../../src/cards/cardContext';
import { CardRenderer, type CardSpec } from '../../src/cards/cardRenderer';
import { buildHandoffStatusCard } from '../../src/cards/handoffCards';
import { literalText } from '../../src/cards/literalText';
import { buildWrittenNoteCard } from '../../src/cards/writtenNoteCard';
import { buildRelayMessageCard } from '../../src/cards/relayMessageCard';
import teamsHostConfig from '../../tools/cardPreview/teamsHostConfig.json';
import { launchHeadlessChromium } from '../../tools/cardPreview/headlessChromium';
import { LOCALES } from '../../src/guidance/vocabulary';
import { startBot, type RunningBot } from '../support/botHarness';
import { Conversation } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { loadShippedContent, sampleCase } from '../support/sampleCards';
import { teamsUser } from '../support/teamsActivities';

/**
 * Text people type or choose (names, team-dialogue fields, messages) must show in every card
 * exactly as written: no link, no remote image, no emphasis, no HTML. Each card is drawn by the
 * official adaptivecards renderer in headless Chromium with Markdown switched on through
 * markdown-it, as the renderer does when it finds it, so Markdown in a TextBlock or FactSet really
 * becomes links and images here, as in Teams.
 */

const HOSTILE = {
  link: '[Open the form](https://evil.example/form)',
  image: '![](https://evil.example/pixel.png)',
  emphasis: '**urgent** and _now_',
  html: '<a href="https://evil.example/html">here</a><img src="https://evil.example/html.png">',
  template: '${$root.title} {{name}} ${title}',
  blocks: '# Heading 1. first - second',
  entities: '&copy; &#169; &lt;b&gt;',
  lineStarts: '\n# Heading\n| a | b |\n| - | - |\n| c | d |',
} as const;
const HOSTILE_TEXTS = Object.values(HOSTILE);
const ALL_OF_IT = HOSTILE_TEXTS.join(' ');

const ADAPTIVECARDS_JS = require.resolve('adaptivecards/dist/adaptivecards.min.js');
const MARKDOWN_IT_JS = path.join(path.dirname(require.resolve('markdown-it/package.json')), 'dist', 'markdown-it.min.js');

/** Every builder that puts someone's words or name into a card, fed the hostile text in each such field. */
function cardsWithUserText(context: CardContext): { name: string; spec: CardSpec }[] {
  const now = new Date('2026-11-24T10:00:00Z');
  const hostileAdviser = { userId: 'adviser-1', displayName: `Femke ${ALL_OF_IT}` };
  const hostileColleague = { userId: 'adviser-2', displayName: `Sarah ${ALL_OF_IT}` };
  const offered = sampleCase({ status: 'claimed', claimedBy: hostileAdviser, claimedAt: now.toISOString(), handOverTo: hostileColleague });
  return [
    {
      name: 'adviser card, named request (requester name, message)',
      spec: buildAdvisorCaseCard(context, sampleCase({ mode: 'named', requester: { personKey: 'k', userId: 'u', displayName: `Bram ${ALL_OF_IT}` }, message: ALL_OF_IT }), { userId: 'adviser-2' }, []),
    },
    {
      name: 'adviser card, messages added to the open request',
      spec: buildAdvisorCaseCard(
        context,
        sampleCase({ message: null, urgent: true, addedMessages: [{ id: 'a1', at: now.toISOString(), text: ALL_OF_IT }, { id: 'a2', at: now.toISOString(), text: ALL_OF_IT }] }),
        { userId: 'adviser-2' },
        [],
      ),
    },
    {
      name: 'adviser card, claimed (claimer name in the status line)',
      spec: buildAdvisorCaseCard(context, sampleCase({ status: 'claimed', claimedBy: hostileAdviser, claimedAt: now.toISOString() }), { userId: 'adviser-1' }, []),
    },
    { name: "adviser card offered to a colleague, the claimer's (the colleague's name)", spec: buildAdvisorCaseCard(context, offered, { userId: 'adviser-1' }, []) },
    { name: "adviser card offered to a colleague, the colleague's (the claimer's name)", spec: buildAdvisorCaseCard(context, offered, { userId: 'adviser-2' }, []) },
    {
      name: 'adviser card, team dialogue (every form field)',
      spec: buildAdvisorCaseCard(
        context,
        sampleCase({
          kind: 'team-dialogue',
          mode: 'named',
          requester: { personKey: 'k', displayName: `Sanne ${ALL_OF_IT}` },
          dialogue: { team: `Team ${ALL_OF_IT}`, teamSize: `Size ${ALL_OF_IT}`, preferredPeriod: `Period ${ALL_OF_IT}`, reason: ALL_OF_IT, contact: `Contact ${ALL_OF_IT}` },
        }),
        { userId: 'adviser-2' },
        [],
      ),
    },
    {
      name: "requester's status card, claimed (adviser name)",
      spec: buildHandoffStatusCard(context, sampleCase({ mode: 'named', status: 'claimed', claimedBy: hostileAdviser, claimedAt: now.toISOString() }), 'claimed', now),
    },
    { name: 'relayed message to the adviser', spec: buildRelayMessageCard(context, { direction: 'toAdvisor', code: 'VK-ABCD-EFGH', caseId: 'c', message: ALL_OF_IT }) },
    { name: 'relayed message to the requester', spec: buildRelayMessageCard(context, { direction: 'toRequester', code: 'VK-ABCD-EFGH', caseId: 'c', message: ALL_OF_IT }) },
    {
      name: 'a note sent back to its writer (every field)',
      spec: buildWrittenNoteCard(context, { what: ALL_OF_IT, where: ALL_OF_IT, who: ALL_OF_IT, said: ALL_OF_IT, did: ALL_OF_IT }, { at: now }),
    },
  ];
}

interface Rendered {
  readonly text: string;
  readonly links: string[];
  readonly images: string[];
  readonly emphasis: number;
  readonly errors: string[];
}

let browser: Browser | undefined;
let page: Page;
const attemptedRequests: string[] = [];
let onAttempt: ((url: string) => void) | undefined;

beforeAll(async () => {
  browser = await launchHeadlessChromium();
  page = await browser.newPage();
  // A card must fetch nothing; every attempt is recorded and refused.
  await page.route('**/*', (route) => {
    attemptedRequests.push(route.request().url());
    onAttempt?.(route.request().url());
    return route.abort();
  });
  await page.setContent('<!doctype html><html><body><div id="stage" style="width:500px"></div></body></html>');
  await page.addScriptTag({ path: MARKDOWN_IT_JS });
  await page.addScriptTag({ path: ADAPTIVECARDS_JS });
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

async function render(card: object): Promise<Rendered> {
  attemptedRequests.length = 0;
  return (await page.evaluate(
    ([json, hostConfig]) => {
      const AC = (window as any).AdaptiveCards;
      const stage = document.getElementById('stage')!;
      stage.innerHTML = '';
      const adaptiveCard = new AC.AdaptiveCard();
      adaptiveCard.hostConfig = new AC.HostConfig(hostConfig);
      const errors: string[] = [];
      adaptiveCard.parse(json, new AC.SerializationContext(AC.Versions.v1_5));
      const element = adaptiveCard.render();
      if (!element) errors.push('nothing rendered');
      else stage.appendChild(element);
      return {
        text: stage.innerText,
        links: Array.from(stage.querySelectorAll('a')).map((anchor) => anchor.getAttribute('href') ?? ''),
        images: Array.from(stage.querySelectorAll('img')).map((image) => image.getAttribute('src') ?? ''),
        emphasis: stage.querySelectorAll('strong, em, h1, h2, ol, ul li').length,
        errors,
      };
    },
    [card, teamsHostConfig] as const,
  )) as Rendered;
}

const normalise = (text: string) => text.replace(/\s+/g, ' ');

describe('user text in cards shows exactly as typed (the adaptivecards renderer with Markdown on)', () => {
  it('would turn the same text into a link, an image and emphasis without escaping (the check can fail)', async () => {
    const pixelRequested = new Promise<string>((resolve) => {
      onAttempt = (url) => url.includes('pixel.png') && resolve(url);
    });
    const rendered = await render({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: `${HOSTILE.link} ${HOSTILE.image} ${HOSTILE.emphasis}`, wrap: true }],
    });
    expect(rendered.links).toContain('https://evil.example/form');
    expect(rendered.images).toContain('https://evil.example/pixel.png');
    expect(rendered.emphasis).toBeGreaterThan(0);
    // The remote image was really fetched (and refused here): a tracking pixel in Teams.
    expect(await pixelRequested).toBe('https://evil.example/pixel.png');
    onAttempt = undefined;
  });

  const content = loadShippedContent();
  const renderer = CardRenderer.load(CARDS_DIR);
  for (const locale of LOCALES) {
    const context = cardContextFor(content, locale);
    for (const { name, spec } of cardsWithUserText(context)) {
      it(`${locale}: ${name}`, async () => {
        const rendered = await render(renderer.render(spec));
        expect(rendered.errors).toEqual([]);
        expect(rendered.links.filter((href) => href.includes('evil.example'))).toEqual([]);
        expect(rendered.images).toEqual([]);
        expect(rendered.emphasis).toBe(0);
        const visible = normalise(rendered.text);
        for (const hostile of HOSTILE_TEXTS) expect(visible).toContain(normalise(hostile));
        expect(attemptedRequests.filter((url) => url.includes('evil.example'))).toEqual([]);
      });
    }
  }
});

/**
 * A dropdown (a compact ChoiceSet) is no Markdown field: its titles show as plain text, so a name
 * escaped for Markdown would show its backslashes ("Afdeling \\(Noord\\)").
 */
describe('the hand-over dropdown names each colleague exactly as written', () => {
  const renderer = CardRenderer.load(CARDS_DIR);
  it.each(LOCALES)('%s: no link, no escape, the name as it is in the directory', async (locale) => {
    const context = cardContextFor(loadShippedContent(), locale);
    const now = new Date('2026-11-24T10:00:00Z');
    const colleagues = [
      { userId: 'adviser-2', displayName: `Sarah ${ALL_OF_IT}` },
      { userId: 'adviser-3', displayName: 'Afdeling (Noord) - Jansen_2' },
    ];
    const claimed = sampleCase({ status: 'claimed', claimedBy: { userId: 'adviser-1', displayName: 'Femke' }, claimedAt: now.toISOString() });
    const rendered = await render(renderer.render(buildAdvisorCaseCard(context, claimed, { userId: 'adviser-1', now, handOverCandidates: colleagues }, [])));
    expect(rendered.errors).toEqual([]);
    expect(rendered.links.filter((href) => href.includes('evil.example'))).toEqual([]);
    const options = await page.evaluate(() => Array.from(document.querySelectorAll('#stage select option')).map((option) => option.textContent ?? ''));
    for (const colleague of colleagues) expect(options).toContain(colleague.displayName);
  });
});

/** LOCAL_ADVISORS separates people with `;`, so the names below leave out the entities. */
const HOSTILE_IN_NAMES = HOSTILE_TEXTS.filter((text) => !text.includes(';'));
const ALL_IN_NAMES = HOSTILE_IN_NAMES.join(' ');

/**
 * Two notices put a name into the adviser's chat outside the builders above, in the bot's own
 * handlers: "identity revealed" (the requester's Teams name) and "hand-over offered" (the
 * colleague's directory name). Reached as Teams reaches them, over HTTP, then drawn the same way.
 */
describe("names in the adviser's notices show exactly as written", () => {
  const femke = teamsUser(`Femke ${ALL_IN_NAMES}`, 'nl-NL');
  const sarah = teamsUser(`Sarah ${ALL_IN_NAMES}`, 'en-GB');
  const hanna = teamsUser(`Hanna ${ALL_IN_NAMES}`, 'en-GB');
  let bot: RunningBot;
  let caseId = '';

  beforeAll(async () => {
    bot = await startBot({ LOCAL_ADVISORS: [femke, sarah].map((adviser) => `${adviser.aadObjectId}:${adviser.name}`).join(';') }, { runBackgroundWork: false });
    for (const adviser of [femke, sarah]) await new Conversation(bot, adviser).installs();
    ({ caseId } = await requestAnonymously(bot, hanna, 'My supervisor keeps commenting on my body'));
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, femke).executes('case.claim', { caseId });
    await bot.app.outbox.runDueJobs();
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
  });

  async function expectShownAsWritten(card: object | undefined, name: string): Promise<void> {
    expect(card).toBeDefined();
    const rendered = await render(card!);
    expect(rendered.errors).toEqual([]);
    expect(rendered.links.filter((href) => href.includes('evil.example'))).toEqual([]);
    expect(rendered.images).toEqual([]);
    expect(rendered.emphasis).toBe(0);
    const visible = normalise(rendered.text);
    expect(visible).toContain(name);
    for (const hostile of HOSTILE_IN_NAMES) expect(visible).toContain(normalise(hostile));
    expect(attemptedRequests.filter((url) => url.includes('evil.example'))).toEqual([]);
  }

  it('"identity revealed": the requester\'s name in the claiming adviser\'s chat', async () => {
    await new Conversation(bot, hanna).submits({ verb: 'handoff.reveal', caseId });
    await bot.app.outbox.runDueJobs();
    const notice = new Conversation(bot, femke).proactiveCards().at(-1);
    expect(JSON.stringify(notice)).toContain('Hanna');
    await expectShownAsWritten(notice, 'Hanna');
  });

  it('"hand-over offered": the colleague\'s name on the claimer\'s card', async () => {
    const answer = await new Conversation(bot, femke).executes('case.handOver', { caseId, handOverTo: sarah.aadObjectId });
    expect(JSON.stringify(answer)).toContain('Aangeboden aan Sarah');
    await expectShownAsWritten(answer, 'Aangeboden aan Sarah');
  });
});

describe('literalText', () => {
  it('leaves ordinary names and sentences readable', () => {
    expect(literalText('Anne-Marie van den Berg')).toBe('Anne-Marie van den Berg');
    expect(literalText("O'Brien, 3rd floor")).toBe("O'Brien, 3rd floor");
    expect(literalText('Afdeling Cardiologie (Noord)')).toBe('Afdeling Cardiologie \\(Noord\\)');
  });
});
