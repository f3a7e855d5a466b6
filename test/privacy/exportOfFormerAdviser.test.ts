import { exportPerson } from '../../src/storage/personExport';
import { startBotWithLocalAdvisers, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Rights of the person: an export shows nobody else's data. A requester who asks for another adviser is told "The adviser
 * you had no longer sees it", so `export-person` for that former adviser gives the case by its code only: not what the
 * requester added afterwards, nor who has the case now. Until the red team of stop 28 it listed the case in full.
 */

const sarah = teamsUser('Sarah Bakker', 'nl-NL');
const ahmed = teamsUser('Ahmed Yilmaz', 'nl-NL');
const requester = teamsUser('Tess van Leeuwen', 'en-GB');
const LATER_MESSAGE = 'It is about Sarah herself, she knows my manager well';
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBotWithLocalAdvisers([sarah, ahmed], { clock: new TestClock('2026-11-24T10:00:00Z') });
});
afterAll(async () => {
  await bot?.stop();
});

it("gives a former adviser's export nothing of a case the requester moved away from them", async () => {
  const conversation = new Conversation(bot, requester);
  const { caseId, sendRequest: send } = await requestAdviser(bot, requester);
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, sarah).executes('case.claim', { caseId });
  await bot.app.outbox.runDueJobs();

  const [moved] = await conversation.submits({ verb: 'handoff.anotherAdviser', caseId });
  expect(cardText(moved)).toContain('The adviser you had no longer sees it');
  await bot.app.outbox.runDueJobs();
  // What the requester adds to the request from now on ("Send request" pressed again) is for the next adviser.
  await conversation.submits({ ...send, mode: 'anonymous', contact: 'teams-chat', urgent: 'false', message: LATER_MESSAGE });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, ahmed).executes('case.claim', { caseId });
  await bot.app.outbox.runDueJobs();
  const stored = await bot.app.services.handoff.findOwnCase(bot.app.services.personKeys.keyFor(requester.aadObjectId), caseId);
  expect(JSON.stringify(stored)).toContain(LATER_MESSAGE); // the words were added to the case

  const { personKeys } = bot.app.services;
  const exported = await exportPerson(bot.app.store, personKeys.keyFor(sarah.aadObjectId), personKeys);
  const shown = JSON.stringify(exported);
  expect(shown).not.toContain(LATER_MESSAGE);
  expect(shown).not.toContain(ahmed.aadObjectId);
});
