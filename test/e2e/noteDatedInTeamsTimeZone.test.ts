import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation, type Card } from '../support/conversation';
import { TestClock } from '../support/testClock';
import { cardSubmitActivity, messageActivity, teamsUser } from '../support/teamsActivities';

/**
 * README, What people can do: "Write it down" posts the note back "dated in their own time zone".
 * writeItDownConversation.test.ts writes from Amsterdam, the organisation's zone, and
 * organisationTimeZone.test.ts from a client that names none; a person in Tokyo tells their own
 * zone from the organisation's.
 */
jest.setTimeout(60_000);

/** Saturday 5 December 2026, 16:00 UTC: Sunday 6 December 01:00 in Tokyo, Saturday 17:00 in Amsterdam. */
const clock = new TestClock('2026-12-05T16:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({}, { clock, runBackgroundWork: false });
});
afterAll(async () => {
  await bot.stop();
});

function inTokyo<Activity extends { entities: unknown[] }>(activity: Activity): Activity {
  return { ...activity, entities: [{ type: 'clientInfo', locale: 'en-GB', country: 'JP', platform: 'Web', timezone: 'Asia/Tokyo' }] };
}

it("dates a note in the writer's Teams time zone", async () => {
  const person = teamsUser('Aiko Nakamura', 'en-GB');
  const chat = new Conversation(bot, person);
  await chat.post(inTokyo(messageActivity(person, bot.connector.url, 'hello')));
  const [form] = await chat.clicks('Write down what happened');
  const send = allActions(form!.card as Card).find((action) => action.data?.verb === 'note.write');
  const [note] = await chat.post(inTokyo(cardSubmitActivity(person, bot.connector.url, { ...send!.data, what: 'A visitor shouted at the receptionist' })));
  expect(cardText(note)).toContain('Written on 6 December 2026 at 01:00');
});
