import { exportPerson } from '../../src/storage/personExport';
import { startBotWithLocalAdvisers, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Rights of the person: an adviser's export (`export-person`, handed to the adviser for an access request) holds the
 * cases they have as Teams shows them, and nobody else's data. It held each case row in full: the anonymous requester's
 * person key (the same in every request of theirs, so two exports tell which anonymous requests one person made) and
 * the object ids of the advisers the requester moved away from (which colleague they did not want), neither of which
 * any card shows the adviser.
 */

const sarah = teamsUser('Sarah Bakker', 'nl-NL');
const ahmed = teamsUser('Ahmed Yilmaz', 'nl-NL');
const requester = teamsUser('Tess van Leeuwen', 'en-GB');
const MESSAGE = 'My supervisor keeps commenting on my body';
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBotWithLocalAdvisers([sarah, ahmed], { clock: new TestClock('2026-11-24T10:00:00Z') });
});
afterAll(async () => {
  await bot?.stop();
});

const exportOf = (objectId: string) => exportPerson(bot.app.store, bot.app.services.personKeys.keyFor(objectId), bot.app.services.personKeys);

it("gives the adviser who has an anonymous case its words, without the requester's key or the colleague they moved away from", async () => {
  const { caseId } = await requestAdviser(bot, requester, { message: MESSAGE });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, sarah).executes('case.claim', { caseId });
  await bot.app.outbox.runDueJobs();
  const requesterKey = bot.app.services.personKeys.keyFor(requester.aadObjectId);

  const whileSarahHasIt = JSON.stringify(await exportOf(sarah.aadObjectId));
  expect(whileSarahHasIt).toContain(MESSAGE);
  expect(whileSarahHasIt).not.toContain(requesterKey);

  const [moved] = await new Conversation(bot, requester).submits({ verb: 'handoff.anotherAdviser', caseId });
  expect(cardText(moved)).toContain('The adviser you had no longer sees it');
  await bot.app.outbox.runDueJobs();
  const claimed = await new Conversation(bot, ahmed).executes('case.claim', { caseId });
  // Ahmed's card names nobody the request moved away from.
  expect(JSON.stringify(claimed)).not.toContain(sarah.aadObjectId);
  await bot.app.outbox.runDueJobs();

  const stored = JSON.stringify((await bot.app.store.get('cases', 'case', caseId))?.value);
  expect(stored).toContain(sarah.aadObjectId); // the case keeps whom it moved away from
  const ahmedsExport = await exportOf(ahmed.aadObjectId);
  expect(ahmedsExport.casesAsAdviser.map((handoffCase) => handoffCase.id)).toEqual([caseId]);
  const shown = JSON.stringify(ahmedsExport);
  expect(shown).toContain(MESSAGE);
  expect(shown).not.toContain(sarah.aadObjectId);
  expect(shown).not.toContain(requesterKey);
});

it("keeps a named requester's name and object id in their adviser's export, as the card's chat link shows them, without their key", async () => {
  const named = teamsUser('Daan Vos', 'en-GB');
  const { caseId } = await requestAdviser(bot, named, { mode: 'named', message: 'My team lead makes jokes about my religion' });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, ahmed).executes('case.claim', { caseId });
  const exported = (await exportOf(ahmed.aadObjectId)).casesAsAdviser.find((handoffCase) => handoffCase.id === caseId);
  expect(exported).toMatchObject({ requester: { userId: named.aadObjectId, displayName: 'Daan Vos' } });
  expect(JSON.stringify(exported)).not.toContain(bot.app.services.personKeys.keyFor(named.aadObjectId));
});
