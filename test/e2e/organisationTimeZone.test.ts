import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readInsightWeek } from '../../src/insights/insightsRecorder';
import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation, type Card } from '../support/conversation';
import { CONTENT_DIR } from '../support/sampleCards';
import { cardSubmitActivity, messageActivity, teamsUser } from '../support/teamsActivities';
import { TestClock } from '../support/testClock';

/**
 * The organisation's time zone is content (organisation.json, officeHours.timeZone), and the
 * bot keeps no second copy of it: an organisation in New York gets a note dated in New York time
 * when Teams does not say where the person is, and its weekly figures count in New York weeks.
 */
jest.setTimeout(120_000);

const NEW_YORK = 'America/New_York';

function contentInNewYork(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-new-york-'));
  fs.cpSync(CONTENT_DIR, dir, { recursive: true });
  const file = path.join(dir, 'organisation.json');
  const organisation = JSON.parse(fs.readFileSync(file, 'utf8'));
  organisation.officeHours.timeZone = NEW_YORK;
  fs.writeFileSync(file, JSON.stringify(organisation, null, 2));
  return dir;
}

/** Sunday 15 November 2026, 22:30 in New York (ISO week 46); already Monday 04:30 in Amsterdam (week 47). */
const clock = new TestClock('2026-11-16T03:30:00Z');
const contentDir = contentInNewYork();
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({ CONTENT_DIR: contentDir }, { clock, runBackgroundWork: false });
});
afterAll(async () => {
  await bot.stop();
  fs.rmSync(contentDir, { recursive: true, force: true });
});

/** What a Teams client that names no time zone posts: no clientInfo entity. */
function withoutClientInfo<Activity extends object>(activity: Activity): Activity {
  return { ...activity, entities: [] };
}

describe('an organisation in another time zone', () => {
  it('dates a note in the organisation\'s time when Teams does not say the person\'s', async () => {
    const person = teamsUser('Dana Whitaker', 'en-GB');
    const chat = new Conversation(bot, person);
    await chat.post(withoutClientInfo(messageActivity(person, bot.connector.url, 'hello')));
    const [form] = await chat.clicks('Write down what happened');
    const send = allActions(form!.card as Card).find((action) => action.data?.verb === 'note.write');
    const [note] = await chat.post(withoutClientInfo(cardSubmitActivity(person, bot.connector.url, { ...send!.data, what: 'A visitor shouted at the receptionist' })));
    expect(cardText(note)).toContain('Written on 15 November 2026 at 22:30');
  });

  it('counts what happens late on a Sunday in New York in that Sunday\'s week', async () => {
    await bot.app.flushInsights();
    const week46 = await readInsightWeek(bot.app.store, '2026-W46');
    const week47 = await readInsightWeek(bot.app.store, '2026-W47');
    expect(week46.counts.get('intent:help')).toBeGreaterThanOrEqual(1);
    expect(week47.counts.size).toBe(0);
  });
});
