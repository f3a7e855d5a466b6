import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startAgentsPlayground, type RunningPlayground } from '../../scripts/playground';
import { launchHeadlessChromium } from '../../tools/cardPreview/headlessChromium';
import { loadContent } from '../../src/content/loadContent';
import { startBot, type RunningBot } from '../support/botHarness';

/**
 * A person chats with the bot in Microsoft 365 Agents Playground, the local Teams stand-in
 * of Agents Toolkit: the real bot, the real Playground (channel, connector and web client)
 * and headless Chromium clicking the cards, all on loopback and without internet.
 */
jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '..', '..');
/** Git-ignored; the screenshots are for people to look at. */
const PREVIEW_DIR = path.join(ROOT, 'cards-preview');
const content = loadContent(path.join(ROOT, 'content'));
const nl = content.strings.nl;
const bullying = content.guidance.bullying;

let bot: RunningBot;
let playground: RunningPlayground;
let browser: Browser;
let page: Page;
let workDir: string;
/** Requests the page tried to make off this machine; they are refused. */
const offMachineRequests: string[] = [];

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-'));
  bot = await startBot();
  playground = await startAgentsPlayground({
    botEndpoint: bot.messagesUrl,
    port: await freePort(),
    logFile: path.join(workDir, 'm365agentsplayground.log'),
    cwd: workDir,
  });
  browser = await launchHeadlessChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // Fail a step well within the test's minute, with Playwright's message saying what was awaited.
  page.setDefaultTimeout(15_000);
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(playground.url)) return route.continue();
    offMachineRequests.push(url);
    return route.abort();
  });
  await page.goto(`${playground.url}/`, { waitUntil: 'domcontentloaded' });
});

afterAll(async () => {
  await browser?.close();
  await playground?.stop();
  await bot?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('een omstander vraagt in Agents Playground wat te doen', () => {
  it('walks the guided flow by clicking the cards and shows the Dutch guidance for bullying', async () => {
    // The Playground always sends locale en-US (it has no setting for it), so a Dutch
    // speaker does what they would in an English Teams: pick Dutch on the welcome card.
    await clicks('Nederlands', nl['language.switched']);

    await says('wat moet ik doen?', nl['flow.perspective.question']);
    await clicks(nl['perspective.witness'], nl['flow.topic.question']);
    await clicks(bullying.title.nl, nl['flow.danger.question']);
    await clicks(nl['flow.danger.no'], nl['flow.role.question']);
    await clicks(nl['role.employee'], bullying.perspectives.witness.nl.headline);

    const headline = page.getByRole('heading', { name: bullying.perspectives.witness.nl.headline, exact: true }).last();
    await headline.waitFor();
    await headline.scrollIntoViewIfNeeded();
    fs.mkdirSync(PREVIEW_DIR, { recursive: true });
    await page.screenshot({ path: path.join(PREVIEW_DIR, 'playground.png') });

    // Only the Segoe UI web fonts come from the internet; the page works without them.
    const hosts = [...new Set(offMachineRequests.map((url) => new URL(url).hostname))];
    expect(hosts.filter((host) => !host.endsWith('.cdn.office.net'))).toEqual([]);
  });

  it('logs no warning in the bot while the Playground loads, reloads and chats: its endpoint probes are expected', async () => {
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByRole('textbox').waitFor();
    const refused = bot.logs.filter((line) => line.includes('"event":"httpError"'));
    // The probe itself is still visible at debug level, with its status.
    expect(refused.length).toBeGreaterThan(0);
    const warnings = bot.logs.filter((line) => Number(/"level":(\d+)/.exec(line)?.[1]) >= 40);
    expect(warnings).toEqual([]);
  });
});

/** Types a message in the compose box, sends it, and waits for the bot to show `answer`. */
async function says(text: string, answer: string): Promise<void> {
  await answered(answer, async () => {
    await page.getByRole('textbox').click();
    await page.keyboard.type(text);
    await page.getByRole('button', { name: 'Send Message', exact: true }).click();
  });
}

/** Clicks the button with this title on the newest card that has one, and waits for the bot to show `answer`. */
async function clicks(title: string, answer: string): Promise<void> {
  await answered(answer, () => page.getByRole('button', { name: title, exact: true }).last().click());
}

/** Older cards stay in the chat, so the answer counts only when it appears once more than before. */
async function answered(answer: string, action: () => Promise<void>): Promise<void> {
  const shown = page.getByText(answer, { exact: true });
  const before = await shown.count();
  await action();
  try {
    await shown.nth(before).waitFor();
  } catch (error) {
    const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    fs.mkdirSync(PREVIEW_DIR, { recursive: true });
    await page.screenshot({ path: path.join(PREVIEW_DIR, 'playground-failure.png') });
    throw new Error(
      `The bot did not show "${answer}". The newest card headings are: ${JSON.stringify(headings.slice(-3))}\n${(error as Error).message}`,
    );
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
