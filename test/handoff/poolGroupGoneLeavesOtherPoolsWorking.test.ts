import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { startBotWithGraphGroups } from '../support/graphBot';
import type { RunningBot } from '../support/botHarness';
import type { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';
import nl from '../../content/strings/nl.json';
import en from '../../content/strings/en.json';

/**
 * One pool's group that the directory refuses for good (deleted and made again under a new id, the setting not yet
 * changed: Graph answers 404 and no retry changes it) is a group with nobody to find in it. Before, every membership
 * check that went past it failed the turn: every adviser of every other pool typing `zaken`, `mijn zaken` or `bij
 * collega's` got "Er ging iets mis", and anyone pressing a button of a case that is gone got the apology instead of the
 * refusal card.
 */
const femke = teamsUser('Femke Visser', 'nl-NL');
const ruth = teamsUser('Ruth Odenthal', 'en-GB');
const lieke = teamsUser('Lieke Smeets', 'en-GB');
const clock = new TestClock('2026-11-24T09:00:00Z');
const MESSAGE = 'My supervisor comments on my clothes';
let bot: RunningBot;
let graph: LocalGraph;
let code = '';

beforeAll(async () => {
  ({ bot, graph } = await startBotWithGraphGroups(
    { 'advisors-group': [femke], 'research-integrity-group': [ruth] },
    { ADVISOR_GROUP_ID: 'advisors-group', ADVISER_POOL_GROUPS: 'research-integrity=research-integrity-group' },
    clock,
  ));
  ({ code } = await requestAdviser(bot, lieke, { mode: 'anonymous', message: MESSAGE }));
  await bot.app.outbox.runDueJobs();
  // The membership cache has run out, and the research integrity group is gone from the directory.
  clock.advanceMinutes(10);
  graph.failNext(/\/groups\/research-integrity-group\/members/, Array.from({ length: 50 }, () => ({ status: 404 })));
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await graph?.stop();
});

it.each(['zaken', 'nieuwe zaken', "bij collega's"])("answers an adviser of another pool's %s", async (command) => {
  const replies = await new Conversation(bot, femke).says(command);
  const text = replies.map((reply) => cardText(reply)).join('\n');
  expect(text).not.toContain(nl['notice.error.title']);
  if (command !== "bij collega's") expect(text).toContain(code);
});

it('answers a button of a case that is gone with the refusal card, not an apology', async () => {
  const answer = await new Conversation(bot, lieke).executes('case.claim', { caseId: '0123456789abcdef0123456789abcdef' });
  expect(cardText({ card: answer })).toContain(en['advisor.refused.title']);
});

it('tells the operator once which pool group the directory refuses, with no id of it', () => {
  const refused = bot.logs.filter((line) => line.includes('adviserGroupRefused'));
  expect(refused).toHaveLength(1);
  expect(refused[0]).toContain('pool:research-integrity');
  expect(refused[0]).toContain('404');
  expect(refused[0]).not.toContain('research-integrity-group');
});
