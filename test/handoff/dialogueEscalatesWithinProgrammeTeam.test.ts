import type { RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { startBotWithGraphGroups } from '../support/graphBot';
import type { LocalGraph } from '../support/localGraph';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';
import en from '../../content/strings/en.json';

/**
 * A team dialogue request is the programme team's (README, "Who may claim": team dialogue requests go to
 * PROGRAMME_GROUP_ID; its confirmation says someone from the programme team will contact the manager). Nobody else may
 * claim or read it, so its cards are drawn only for the programme group. Before, one nobody took in time escalated to the
 * confidential advisers' backup group, which may be an external agency: each backup adviser got the manager's name, the
 * team, the reason and a chat link, could not claim it ("Not available"), and the manager was told it had gone to the
 * backup advisers. Now it escalates within the programme team (a feed notification and mail with the code), and the
 * manager is told it is still waiting.
 */
jest.setTimeout(60_000);

const femke = teamsUser('Femke Visser', 'nl-NL');
const bas = teamsUser('Bas de Wit', 'nl-NL');
const pim = teamsUser('Pim de Graaf', 'en-GB');
const manager = teamsUser('Lieke Smeets', 'en-GB');
const clock = new TestClock('2026-11-24T09:00:00Z');
const REASON = 'Tension in the team after a reorganisation; two colleagues no longer speak';
let bot: RunningBot;
let graph: LocalGraph;

beforeAll(async () => {
  ({ bot, graph } = await startBotWithGraphGroups(
    { 'advisors-group': [femke], 'backup-group': [bas], 'programme-group': [pim] },
    { ADVISOR_GROUP_ID: 'advisors-group', BACKUP_GROUP_ID: 'backup-group', PROGRAMME_GROUP_ID: 'programme-group' },
    clock,
  ));
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await graph?.stop();
});

it('escalates a team dialogue request nobody took within the programme team, and shows the backup advisers nothing of it', async () => {
  const [confirmation] = await new Conversation(bot, manager).submits({
    verb: 'dialogue.confirm',
    format: 'team',
    team: 'Ward 7',
    teamSize: 'small',
    preferredPeriod: 'March',
    reason: REASON,
    contact: 'Teams',
  });
  const code = /VK-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(cardText(confirmation))![0];
  await bot.app.outbox.runDueJobs();
  clock.advanceMinutes(24 * 60);
  await bot.app.runSweep();
  await bot.app.outbox.runDueJobs();

  expect((await bot.app.store.listPartition<{ code: string; escalatedAt: string | null }>('cases', 'case')).find((row) => row.value.code === code)?.value.escalatedAt).not.toBeNull();
  const toBackup = bot.connector.calls.filter((call) => call.conversationId === bas.conversationId);
  expect(JSON.stringify(toBackup)).not.toContain(REASON);
  expect(JSON.stringify(toBackup)).not.toContain(manager.name);
  const escalations = graph.deliveredNotifications().filter((notification) => notification.activityType === 'caseEscalated' && notification.templateParameters.caseCode === code);
  expect(escalations.map((notification) => notification.recipientUserIds)).toEqual([[pim.aadObjectId]]);
  const told = new Conversation(bot, manager).proactiveCards().map((card) => cardText({ card }));
  expect(told.some((text) => text.includes(en['handoff.escalated.withoutBackup'].replace('{code}', code).split(';')[0]!))).toBe(true);
});
