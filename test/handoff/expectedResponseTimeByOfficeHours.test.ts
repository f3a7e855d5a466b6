import { startBot, type RunningBot } from '../support/botHarness';
import { cardText } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { teamsUser } from '../support/teamsActivities';
import { TestClock } from '../support/testClock';

/**
 * The confirmation of a request tells when to expect an answer: within hours during the pool's office hours
 * (content/organisation.json: 08:30-17:00 on working days, Amsterdam), the next working day outside them. The
 * edges, over HTTP: 08:30 and 16:59 are office hours, 08:29 and 17:00 are not, nor is a Saturday.
 */
const clock = new TestClock('2026-11-24T07:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({}, { clock, runBackgroundWork: false });
});
afterAll(async () => {
  await bot.stop();
});

const DURING = 'During office hours (08:30-17:00 on working days)';
const OUTSIDE = 'It is outside office hours now (08:30-17:00 on working days)';

it.each([
  ['Tuesday 08:29', '2026-11-24T07:29:00Z', OUTSIDE],
  ['Tuesday 08:30', '2026-11-24T07:30:00Z', DURING],
  ['Tuesday 16:59', '2026-11-24T15:59:00Z', DURING],
  ['Tuesday 17:00', '2026-11-24T16:00:00Z', OUTSIDE],
  ['Saturday 11:00', '2026-11-28T10:00:00Z', OUTSIDE],
])('a request sent on %s in Amsterdam is told the answer it can expect', async (moment, utc, expected) => {
  // The moments are in order, so the clock only moves forward.
  clock.advanceMinutes((Date.parse(utc) - clock.now().getTime()) / 60_000);
  const { confirmation } = await requestAdviser(bot, teamsUser(`Requester ${moment}`, 'en-GB'));
  expect(cardText(confirmation)).toContain(expected);
});
