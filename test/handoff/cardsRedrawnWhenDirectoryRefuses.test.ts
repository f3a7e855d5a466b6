import type { RunningBot } from '../support/botHarness';
import { requestAdviser } from '../support/handoffRequests';
import { startBotWithGraphGroups } from '../support/graphBot';
import type { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';
import en from '../../content/strings/en.json';
import nl from '../../content/strings/nl.json';

/**
 * Final review, stop 33, #7. Each redraw of a case's cards first asks the directory who may still read the case (so
 * someone taken out of the group gets the code only). A directory that refuses for good (the group deleted, the bot's
 * permission taken away: 403/404, no retry changes it) must not leave every card stale: a cancel still shows in every
 * adviser's chat, with the code and the status and nothing the requester wrote, and the job does not fail.
 */
const femke = teamsUser('Femke Visser', 'nl-NL');
const lieke = teamsUser('Lieke Smeets', 'en-GB');
const sander = teamsUser('Sander Bos', 'en-GB');
const clock = new TestClock('2026-11-24T09:00:00Z');
const FIRST = 'My supervisor comments on my clothes';
let graph: LocalGraph;
let bot: RunningBot;

function everythingPutInto(person: TeamsUser, since: number): string {
  return JSON.stringify(bot.connector.calls.slice(since).filter((call) => call.conversationId === person.conversationId).map((call) => call.activity));
}

beforeAll(async () => {
  ({ bot, graph } = await startBotWithGraphGroups({ 'advisors-group': [femke, sander] }, { ADVISOR_GROUP_ID: 'advisors-group', PROGRAMME_GROUP_ID: 'advisors-group' }, clock));
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await graph?.stop();
});

it('draws a cancel on every adviser\'s card, code and status only, while the directory refuses to say who may read the case', async () => {
  const { caseId, code } = await requestAdviser(bot, lieke, { mode: 'anonymous', message: FIRST });
  await bot.app.outbox.runDueJobs();
  expect(everythingPutInto(femke, 0)).toContain(FIRST);

  // The membership cache has run out, and the group is gone from the directory.
  clock.advanceMinutes(10);
  graph.failNext(/\/groups\/advisors-group\/members/, [{ status: 404 }, { status: 404 }, { status: 404 }]);
  const since = bot.connector.calls.length;
  await bot.app.handoff.cancelRequest(bot.app.services.personKeys.keyFor(lieke.aadObjectId), caseId);
  await bot.app.outbox.runDueJobs();

  for (const [adviser, strings] of [
    [femke, nl],
    [sander, en],
  ] as const) {
    const redraw = everythingPutInto(adviser, since);
    expect(redraw).toContain(code);
    expect(redraw).toContain(strings['advisor.status.cancelled']);
    expect(redraw).toContain(strings['advisor.notice.poolUnchecked']);
    expect(redraw.includes(FIRST)).toBe(false);
  }
  expect(await bot.app.outbox.pendingJobs()).toEqual([]);
}, 60_000);
