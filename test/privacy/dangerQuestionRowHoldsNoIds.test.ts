import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { teamsUser } from '../support/teamsActivities';

/**
 * README, storage table: the danger question waiting for a typed answer is stored with the flow's
 * labels, the message's language, "a keyed hash of the chat and of the question card's message id
 * (HMAC under a key derived from the person-key secret) ... (nothing the person wrote)". The typed
 * answer tests prove what the row does; this reads the row as a reader of the table would.
 */
jest.setTimeout(60_000);

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

it('stores the open danger question without the chat id, the card id, any id of the person or the words of the message', async () => {
  const person = teamsUser('Noor Visser', 'en-GB');
  const message = 'A colleague threatened a nurse with a knife';
  const [question] = await new Conversation(bot, person).says(message);
  expect(cardText(question)).toMatch(/Is anyone in immediate danger right now/);

  const rows = await bot.app.store.listPartition('dangerQuestions', 'person');
  expect(rows).toHaveLength(1);
  const stored = JSON.stringify(rows[0]!.value);
  const cardIds = bot.connector.calls.filter((call) => call.conversationId === person.conversationId).map((call) => call.id);
  for (const identifier of [person.conversationId, person.id, person.aadObjectId, person.name, ...cardIds.filter((id) => id.length > 0)]) {
    expect({ identifier, stored: stored.includes(identifier) }).toEqual({ identifier, stored: false });
  }
  for (const word of ['threatened', 'nurse', 'knife']) expect(stored).not.toContain(word);
});
