import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Red team, stop 30. A person can flood the advisers' chats: "Send request", then "Cancel", then
 * "Send request" again, as fast as they can press. Each round is a new case, and each new case
 * posts a fresh card (with whatever the person wrote in its message box) into every adviser's
 * chat of the pool and sends each of them an activity-feed notification. The relay is limited to
 * RELAY_MESSAGES_PER_MINUTE per case (README, "The relay") precisely so that an adviser's chat is
 * not flooded; a new case per message goes around that limit, and nothing limits new requests.
 * Twelve rounds in one minute put twelve new-request cards in the adviser's chat.
 */
const flooder = teamsUser('Daan Drukker', 'en-GB');
const adviser = teamsUser('Ilse Ingeschreven', 'nl-NL');
const ROUNDS = 12;
/** What one person's honest use needs in an hour: a request, cancelled by mistake, sent again, and one more. */
const MOST_NEW_REQUEST_CARDS_PER_PERSON_PER_HOUR = 3;

let bot: RunningBot;
const clock = new TestClock('2026-11-24T10:00:00Z'); // a Tuesday morning, within office hours

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:Ilse Ingeschreven` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot.stop();
});

describe('one person who sends and cancels requests in a loop', () => {
  it('does not put a new card in the adviser\'s chat for every round', async () => {
    const person = new Conversation(bot, flooder);
    const before = new Conversation(bot, adviser).proactiveCards().length;
    for (let round = 1; round <= ROUNDS; round += 1) {
      const { caseId } = await requestAdviser(bot, flooder, { message: `Round ${round}: answer me now` });
      await bot.app.outbox.runDueJobs();
      const [cancelled] = await person.submits({ verb: 'handoff.cancel', caseId });
      expect(cardText(cancelled)).not.toBe('');
      await bot.app.outbox.runDueJobs();
      clock.advanceMinutes(1 / 12);
    }
    const newRequestCards = new Conversation(bot, adviser)
      .proactiveCards()
      .slice(before)
      .filter((card) => /Round \d+: answer me now/.test(JSON.stringify(card)));
    // The flood reaches the adviser's chat once per round: 12 cards within a minute.
    expect(newRequestCards.length).toBeLessThanOrEqual(MOST_NEW_REQUEST_CARDS_PER_PERSON_PER_HOUR);
  }, 60_000);
});
