import http from 'node:http';
import { TOPICS, PERSPECTIVES } from '../src/guidance/vocabulary';
import { installActivity, teamsUser } from '../test/support/teamsActivities';
import { handoffTurns, loadLabelledQuestions, type ScriptedTurn } from './activityStream';
import { caseCodeIn, GraphAdvisors } from './advisorSetup';
import type { CompiledBuild } from './compiledBuild';
import { post } from './loadDriver';
import type { ReplySink } from './replySink';
import { summarise, type LatencySummary } from './stats';
import { startFullBot, type StorageKind } from './subjects';

export interface HandoffFigures {
  readonly requests: number;
  readonly concurrency: number;
  readonly errors: number;
  /** From posting "Send request" to the activity-feed notification arriving at the Graph stand-in. */
  readonly submitToNotifiedMs: LatencySummary;
  /** The confirm turn alone: case stored, outbox job written, confirmation card sent. */
  readonly confirmTurnMs: LatencySummary;
}

const NOTIFICATION_TIMEOUT_MS = 15_000;

/**
 * People ask for a confidential adviser, a few at a time, against the real bot with advisors in
 * a Graph group: each request is timed until Graph has the notification for its case code.
 */
export async function benchHandoff(
  build: CompiledBuild,
  sink: ReplySink,
  options: {
    readonly requests: number;
    readonly concurrency: number;
    readonly storage: StorageKind;
    readonly azureTablesConnectionString?: string;
    readonly nodeFlags?: readonly string[];
  },
): Promise<HandoffFigures> {
  const advisors = await GraphAdvisors.start();
  const bot = await startFullBot(build, {
    storage: options.storage,
    azureTablesConnectionString: options.azureTablesConnectionString,
    graph: advisors.botOptions,
    nodeFlags: options.nodeFlags,
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const url = new URL(bot.messagesUrl);
  const send = async (turn: ScriptedTurn) => {
    sink.expectRepliesTo(turn.activity.id);
    const status = await post(agent, url, JSON.stringify(turn.activity), 10_000);
    const replies = sink.take(turn.activity.id);
    if (status < 200 || status >= 300) throw new Error(`HTTP ${status}`);
    return replies;
  };
  const questions = loadLabelledQuestions();
  try {
    for (const advisor of advisors.advisors) {
      sink.watchConversation(advisor.conversationId);
      await send({ kind: 'install', activity: { ...installActivity(advisor, sink.serviceUrl), id: `install-${advisor.conversationId}` } });
    }
    const submitToNotified: number[] = [];
    const confirmTurn: number[] = [];
    let errors = 0;
    let next = 0;
    const requester = async () => {
      while (next < options.requests) {
        const index = next++;
        const user = teamsUser(`Bench Requester ${index}`, index % 2 === 0 ? 'nl-NL' : 'en-GB');
        const flow = { topic: TOPICS[index % TOPICS.length]!, perspective: PERSPECTIVES[index % PERSPECTIVES.length]! };
        const [talk, confirm] = handoffTurns(user, sink.serviceUrl, flow, questions[index % questions.length]!.text);
        try {
          await send(talk!);
          const submitted = performance.now();
          const replies = await send(confirm!);
          confirmTurn.push(performance.now() - submitted);
          const code = caseCodeIn(replies);
          if (!code) throw new Error('no case code on the confirmation');
          await withTimeout(advisors.notified(code), NOTIFICATION_TIMEOUT_MS);
          submitToNotified.push(advisors.notificationsByCode.get(code)![0]! - submitted);
        } catch {
          errors += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, requester));
    sink.watchedCalls.length = 0;
    return {
      requests: options.requests,
      concurrency: options.concurrency,
      errors,
      submitToNotifiedMs: summarise(submitToNotified),
      confirmTurnMs: summarise(confirmTurn),
    };
  } finally {
    agent.destroy();
    await bot.stopAndClean();
    await advisors.stop();
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
}
