import http from 'node:http';
import { messageActivity, teamsUser } from '../test/support/teamsActivities';
import type { CompiledBuild } from './compiledBuild';
import { post } from './loadDriver';
import type { ReplySink } from './replySink';
import { round, summarise, type LatencySummary } from './stats';
import { startFullBot } from './subjects';

export interface LongMessageFigures {
  /** UTF-8 bytes per message text: 240 KB, just inside the default body limit of 256 KiB. */
  readonly bytes: number;
  readonly turns: number;
  /** From posting the message to the bot's 200 (CloudAdapter answers once the replies are sent). */
  readonly turnMs: LatencySummary;
  /** /healthz asked right after each message was posted, while its turn ran. */
  readonly healthzDuringTurnMs: LatencySummary;
  /** Per kind of crafted text, the slowest turn. */
  readonly slowestTurnMsByKind: Readonly<Record<string, number>>;
}

const BYTES = 240 * 1024;

/** `unit` repeated to fill 240 KB of UTF-8. */
function filled(unit: string): string {
  return unit.repeat(Math.floor(BYTES / Buffer.byteLength(unit)));
}

/**
 * Texts that made pattern matchers backtrack or scan the whole input: one anchor word repeated,
 * a run without spaces, alternating scripts, and danger words spread over the whole text. None is
 * printed or written; only figures leave this file.
 */
const CRAFTED_TEXTS: Readonly<Record<string, string>> = {
  repeatedWord: filled('now '),
  noSpaces: filled('a'),
  alternatingScripts: filled('aб'),
  dangerWordsEverywhere: filled('knife hit now kill '),
  ordinaryProse: filled('My colleague keeps making remarks about my accent in meetings. '),
};

/** One person at a time sends a 240 KB message to the compiled bot; /healthz is asked while each turn runs. */
export async function benchLongMessages(build: CompiledBuild, sink: ReplySink, rounds: number): Promise<LongMessageFigures> {
  const bot = await startFullBot(build, { storage: 'sqlite' });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const messagesUrl = new URL(bot.messagesUrl);
  const healthzUrl = `${bot.baseUrl}/healthz`;
  const turnMs: number[] = [];
  const healthzMs: number[] = [];
  const slowest: Record<string, number> = {};
  try {
    // The first pass warms V8 up, as a running bot would long have been; it is not counted.
    for (let pass = -1; pass < rounds; pass++) {
      for (const [kind, text] of Object.entries(CRAFTED_TEXTS)) {
        const user = teamsUser(`Bench Long Writer ${pass}`, 'en-GB');
        const activity = messageActivity(user, sink.serviceUrl, text);
        sink.expectRepliesTo(activity.id);
        const started = performance.now();
        const turn = post(agent, messagesUrl, JSON.stringify(activity), 30_000).then((status) => ({ status, ms: performance.now() - started }));
        const healthStarted = performance.now();
        const health = fetch(healthzUrl).then(async (response) => {
          await response.arrayBuffer();
          return performance.now() - healthStarted;
        });
        const [answered, healthMs] = await Promise.all([turn, health]);
        sink.take(activity.id);
        if (answered.status !== 200) throw new Error(`long message answered HTTP ${answered.status}`);
        if (pass < 0) continue;
        turnMs.push(answered.ms);
        healthzMs.push(healthMs);
        slowest[kind] = Math.max(slowest[kind] ?? 0, round(answered.ms, 1));
      }
    }
  } finally {
    agent.destroy();
    await bot.stopAndClean();
  }
  return {
    bytes: BYTES,
    turns: turnMs.length,
    turnMs: summarise(turnMs),
    healthzDuringTurnMs: summarise(healthzMs),
    slowestTurnMsByKind: slowest,
  };
}
