import type { RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { startBotWithGraphGroups } from '../support/graphBot';
import type { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Red team 2, stop 33, #4 (fixed: the roster remembers per group until when Graph asked it to wait). "When Graph throttles or fails the membership read, Claim, the card's other
 * buttons and `zaken` / `cases` answer with a 'busy, try again in a minute' card (HTTP 200), and the
 * roster reads the group again in the background, honouring `Retry-After`" (README, Handoff). Only
 * the background read honours it: every press of any adviser (and the sweep's check of every claimed
 * case, every minute) reads the group from Graph again at once while Graph has asked the app to wait
 * two minutes. Graph counts those requests too, so a pool of advisers retrying "in a minute" as the
 * card tells them keeps the app throttled.
 */
const femke = teamsUser('Femke Visser', 'nl-NL');
const joost = teamsUser('Joost Mulder', 'nl-NL');
const sem = teamsUser('Sem de Groot', 'en-GB');
const lotte = teamsUser('Lotte Jansen', 'en-GB');
const clock = new TestClock('2026-11-24T09:00:00Z');
let graph: LocalGraph;
let bot: RunningBot;

beforeAll(async () => {
  ({ bot, graph } = await startBotWithGraphGroups({ 'advisors-group': [femke, joost] }, { ADVISOR_GROUP_ID: 'advisors-group', PROGRAMME_GROUP_ID: 'advisors-group' }, clock));
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await graph?.stop();
});

it('reads the group from Graph no more while Retry-After runs, however many advisers press a button or cases the sweep checks', async () => {
  const { caseId } = await requestAdviser(bot, sem, { mode: 'anonymous', message: 'I saw a colleague being shouted at' });
  // A case Joost has: the sweep checks that its claimer is still in the group.
  const { caseId: claimedCase } = await requestAdviser(bot, lotte, { mode: 'anonymous', message: 'My team lead ignores me in every meeting' });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, joost).executes('case.claim', { caseId: claimedCase });
  await bot.app.outbox.runDueJobs();
  // The membership cache has run out; Graph throttles the app for two minutes.
  clock.advanceMinutes(6);
  graph.failNext('/members', Array.from({ length: 10 }, () => ({ status: 429, retryAfterSeconds: 120, code: 'TooManyRequests' })));
  graph.clearCalls();

  const claim = await new Conversation(bot, femke).executes('case.claim', { caseId });
  expect(cardText({ card: claim })).toContain('probeer het over een minuut opnieuw');
  expect(graph.callsTo('/members').length).toBe(1);

  // Within the two minutes Graph asked for: a colleague's Claim, `zaken`, and the first adviser again.
  clock.advanceMinutes(1);
  await new Conversation(bot, joost).executes('case.claim', { caseId });
  await new Conversation(bot, joost).says('zaken');
  const again = await new Conversation(bot, femke).executes('case.claim', { caseId });
  expect(cardText({ card: again })).toContain('probeer het over een minuut opnieuw');
  await bot.app.runSweep();
  await bot.app.outbox.runDueJobs();
  expect(graph.callsTo('/members').length).toBe(1);

  // Once the two minutes are over the next press reads the group again: once.
  clock.advanceMinutes(1.5);
  await new Conversation(bot, femke).executes('case.claim', { caseId });
  expect(graph.callsTo('/members').length).toBe(2);
});
