import type { RunningBot } from '../support/botHarness';
import { sendRequestValue, requestAdviser } from '../support/handoffRequests';
import { Conversation } from '../support/conversation';
import { startBotWithGraphGroups } from '../support/graphBot';
import type { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';
import en from '../../content/strings/en.json';
import nl from '../../content/strings/nl.json';

/**
 * "The request goes only to its people" / "Only the people of a case's pool (and its backup) may read … it" (README,
 * Handoff; `AdviserActions`), and the consent card's "Your request will be visible only to the confidential advisers".
 * Every adviser who got a request's card keeps it, and each change of the case (words the requester adds, urgent,
 * escalation) draws that card again where it was posted. Someone taken out of the advisers' group since (moved to another
 * job, added by mistake) gets the code only, never the words the requester adds; those still in the group get them after
 * an audit row; a directory that cannot answer holds the redraw back rather than draw for someone it could not check.
 * (Red team 2, stop 33, #6.)
 */
const femke = teamsUser('Femke Visser', 'nl-NL');
const joost = teamsUser('Joost Mulder', 'nl-NL');
const lieke = teamsUser('Lieke Smeets', 'en-GB');
const sander = teamsUser('Sander Bos', 'en-GB');
const clock = new TestClock('2026-11-24T09:00:00Z');
const FIRST = 'My supervisor comments on my clothes';
const ADDED = 'It happened again today in the lift, in front of the team';
const LATER = 'And this morning he did it in front of a patient';
let graph: LocalGraph;
let bot: RunningBot;

const member = (person: TeamsUser) => ({ id: person.aadObjectId, displayName: person.name, mail: person.email });

function everythingPutInto(person: TeamsUser, since: number): string {
  return JSON.stringify(bot.connector.calls.slice(since).filter((call) => call.conversationId === person.conversationId).map((call) => call.activity));
}

beforeAll(async () => {
  ({ bot, graph } = await startBotWithGraphGroups({ 'advisors-group': [femke, joost] }, { ADVISOR_GROUP_ID: 'advisors-group', PROGRAMME_GROUP_ID: 'advisors-group' }, clock));
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await graph?.stop();
});

it('draws nothing new of a waiting request in the chat of someone who has left the advisers\' group, and audits the redraw of those still in it', async () => {
  const { caseId, code, sendRequest } = await requestAdviser(bot, lieke, { mode: 'anonymous', message: FIRST });
  await bot.app.outbox.runDueJobs();
  expect(everythingPutInto(joost, 0)).toContain(FIRST);
  const trail = async () =>
    (await bot.app.audit.forCase(code)).map((entry) => [
      entry.actor === bot.app.services.personKeys.adviserKeyFor(femke.aadObjectId) ? 'Femke' : entry.actor === bot.app.services.personKeys.adviserKeyFor(joost.aadObjectId) ? 'Joost' : entry.actor,
      entry.action,
    ]);
  expect(await trail()).toEqual([
    ['Femke', 'cardReceived'],
    ['Joost', 'cardReceived'],
  ]);

  // Joost is taken out of the advisers' group; the membership cache has run out since.
  graph.seedGroup('advisors-group', [member(femke)]);
  clock.advanceMinutes(10);
  const refused = await new Conversation(bot, joost).executes('case.refresh', { caseId });
  expect(JSON.stringify(refused)).not.toContain(FIRST);

  // Lieke adds words to her waiting request from the consent card.
  const since = bot.connector.calls.length;
  await new Conversation(bot, lieke).submits(sendRequestValue(sendRequest, { mode: 'anonymous', message: ADDED }));
  await bot.app.outbox.runDueJobs();

  expect(everythingPutInto(femke, since)).toContain('It happened again today in the lift');
  const joostsRedraw = everythingPutInto(joost, since);
  expect(joostsRedraw.includes('It happened again today in the lift')).toBe(false);
  expect(joostsRedraw.includes(FIRST)).toBe(false);
  // His card keeps the code for his notes, and says why it shows nothing more (in his language).
  expect(joostsRedraw).toContain(code);
  expect(joostsRedraw).toContain(nl['advisor.status.notInPoolAnymore']);
  expect(en['advisor.status.notInPoolAnymore']).toBeTruthy();
  // The redraw that showed Femke the added words is a read on her trail; Joost read nothing.
  expect(await trail()).toEqual([
    ['Femke', 'cardReceived'],
    ['Joost', 'cardReceived'],
    ['Femke', 'cardReceived'],
  ]);
}, 60_000);

it('holds the redraw back while the directory cannot say who is still in the group, and draws it once it can', async () => {
  const { code, sendRequest } = await requestAdviser(bot, sander, { mode: 'anonymous', message: 'The night shift lead keeps shouting at me' });
  await bot.app.outbox.runDueJobs();
  clock.advanceMinutes(10);
  graph.failNext(/\/groups\/advisors-group\/members/, [{ status: 429, retryAfterSeconds: 30 }]);
  const since = bot.connector.calls.length;
  await new Conversation(bot, sander).submits(sendRequestValue(sendRequest, { mode: 'anonymous', message: LATER }));
  await bot.app.outbox.runDueJobs();
  expect(everythingPutInto(femke, since).includes(LATER)).toBe(false);
  expect(everythingPutInto(joost, since).includes(LATER)).toBe(false);
  const rowsBefore = (await bot.app.audit.forCase(code)).length;

  clock.advanceMinutes(2);
  await bot.app.outbox.runDueJobs();
  expect(everythingPutInto(femke, since)).toContain(LATER);
  expect(everythingPutInto(joost, since).includes(LATER)).toBe(false);
  expect((await bot.app.audit.forCase(code)).length).toBe(rowsBefore + 1);
}, 60_000);
