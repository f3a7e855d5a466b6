import { startBotWithLocalAdviser, type RunningBot } from '../support/botHarness';
import { allActions, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { teamsUser } from '../support/teamsActivities';
import { waitFor } from '../support/waitFor';

/**
 * Every read of a case by an adviser is on the audit trail before the adviser sees anything (README, Privacy): the
 * connector holds the card on its way to the adviser, and at that moment the row must already be there, so a crash
 * between the card and its row can never leave a read nobody recorded.
 */
const adviser = teamsUser('Femke Audit', 'nl-NL');
const person = teamsUser('Joris Gelezen', 'nl-NL');
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBotWithLocalAdviser(adviser);
  await new Conversation(bot, person).installs();
});
afterAll(async () => {
  bot.connector.answerHeld();
  await bot.stop();
});

async function actionsWhileTheCardIsHeld(code: string): Promise<string[]> {
  bot.connector.heldConversations.add(adviser.conversationId);
  const held = bot.connector.held.length;
  const jobs = bot.app.outbox.runDueJobs();
  await waitFor(() => bot.connector.held.length > held, 10_000);
  const actions = (await bot.app.audit.forCase(code)).map((entry) => entry.action);
  bot.connector.heldConversations.delete(adviser.conversationId);
  bot.connector.answerHeld();
  await jobs;
  return actions;
}

it('records the case card, a relayed message and a revealed name on the trail before the adviser can see them', async () => {
  const { caseId, code } = await requestAdviser(bot, person, { mode: 'anonymous' });
  expect(await actionsWhileTheCardIsHeld(code)).toContain('cardReceived');

  await new Conversation(bot, adviser).executes('case.claim', { caseId });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, person).says('Kunnen we morgen even bellen?');
  const actions = await actionsWhileTheCardIsHeld(code);
  expect(actions.filter((action) => action === 'messageReceived')).toHaveLength(1);

  const status = new Conversation(bot, person).proactiveCards().find((card) => allActions(card).some((action) => action.data?.verb === 'handoff.reveal'))!;
  await new Conversation(bot, person).submits(allActions(status).find((action) => action.data?.verb === 'handoff.reveal')!.data);
  expect(await actionsWhileTheCardIsHeld(code)).toContain('identityShown');
});
