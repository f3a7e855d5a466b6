import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { cardSubmitActivity, messageActivity, teamsUser, type TeamsUser } from '../support/teamsActivities';

/**
 * "Remind me to check in" works in the person's Teams time zone (README, What people can do): the
 * card's own day and time and the three choices are that zone's wall clock, not the organisation's.
 * reminderConversation.test.ts uses people in Amsterdam, the organisation's own zone, where either
 * reading gives the same instant; a person in Tokyo (UTC+9, no daylight saving) tells them apart.
 */
jest.setTimeout(60_000);

const TOKYO = 'Asia/Tokyo';

/** Saturday 5 December 2026, 16:00 UTC: already Sunday 01:00 in Tokyo, Saturday 17:00 in Amsterdam. */
const clock = new TestClock('2026-12-05T16:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({}, { clock, runBackgroundWork: false });
});
afterAll(async () => {
  await bot.stop();
});

/** What Teams posts for someone whose client is set to Tokyo time. */
function inTokyo<Activity extends { entities: unknown[] }>(activity: Activity): Activity {
  return { ...activity, entities: [{ type: 'clientInfo', locale: 'en-GB', country: 'JP', platform: 'Web', timezone: TOKYO }] };
}

async function setsReminder(person: TeamsUser, choice: Record<string, string>) {
  const chat = new Conversation(bot, person);
  await chat.post(inTokyo(messageActivity(person, bot.connector.url, 'hello')));
  const [confirmation] = await chat.post(inTokyo(cardSubmitActivity(person, bot.connector.url, { verb: 'reminder.set', topic: 'bullying', ...choice })));
  const personKey = bot.app.services.personKeys.keyFor(person.aadObjectId);
  const stored = (await bot.app.store.get<{ dueAt: string; timeZone: string }>('reminders', 'person', personKey))?.value;
  return { confirmation, stored };
}

describe("a reminder in the person's Teams time zone", () => {
  it('reads a day and time of their own on their wall clock', async () => {
    const { confirmation, stored } = await setsReminder(teamsUser('Kenji Watanabe', 'en-GB'), {
      choice: 'chosenMoment',
      remindDate: '2026-12-10',
      remindTime: '09:00',
    });
    // 09:00 in Tokyo is midnight UTC; in Amsterdam it would have been 08:00 UTC.
    expect(stored).toMatchObject({ dueAt: '2026-12-10T00:00:00.000Z', timeZone: TOKYO });
    expect(cardText(confirmation)).toContain('Thursday 10 December at 09:00');
  });

  it('takes "tomorrow morning" and "after my shift" from their day, already Sunday in Tokyo', async () => {
    const morning = await setsReminder(teamsUser('Yui Tanaka', 'en-GB'), { choice: 'tomorrowMorning' });
    // Tomorrow in Tokyo is Monday 7 December; in Amsterdam it is still Saturday, so tomorrow would be Sunday.
    expect(morning.stored).toMatchObject({ dueAt: '2026-12-07T00:00:00.000Z', timeZone: TOKYO });

    const afterShift = await setsReminder(teamsUser('Haruto Sato', 'en-GB'), { choice: 'afterShift' });
    // 17:00 is still ahead on Sunday in Tokyo; in Amsterdam it is 17:00 already, so it would have been Sunday 17:00 there (16:00 UTC).
    expect(afterShift.stored).toMatchObject({ dueAt: '2026-12-06T08:00:00.000Z', timeZone: TOKYO });
  });
});
