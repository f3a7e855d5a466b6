import { startBot, type RunningBot } from './botHarness';
import { Conversation } from './conversation';
import { staticGraphCredential } from './graphCredential';
import { LocalGraph } from './localGraph';
import type { TeamsUser } from './teamsActivities';
import type { TestClock } from './testClock';

const GRAPH_TOKEN = 'graph-token-for-tests';

/**
 * The real bot with its advisers in groups of a local Graph stand-in: each group seeded with its people, each of them with
 * the bot installed, the test's clock, and the outbox and sweeps run by the test (`bot.app.outbox.runDueJobs()`).
 */
export async function startBotWithGraphGroups(
  groups: Readonly<Record<string, readonly TeamsUser[]>>,
  environment: Record<string, string>,
  clock: TestClock,
): Promise<{ bot: RunningBot; graph: LocalGraph }> {
  const graph = await LocalGraph.start({ acceptedToken: GRAPH_TOKEN });
  for (const [groupId, people] of Object.entries(groups)) {
    graph.seedGroup(groupId, people.map((person) => ({ id: person.aadObjectId, displayName: person.name, mail: person.email })));
  }
  const bot = await startBot(
    { ...graph.botSettings(), ...environment },
    { clock, runBackgroundWork: false, graphCredential: staticGraphCredential(GRAPH_TOKEN) },
  );
  for (const person of new Set(Object.values(groups).flat())) await new Conversation(bot, person).installs();
  return { bot, graph };
}
