import type { BotUnderTest } from './botUnderTest';
import { loadLabelledQuestions, ScriptedConversation, type LabelledQuestion } from './activityStream';
import { driveLoad, type LoadResult } from './loadDriver';
import type { ReplySink } from './replySink';

export interface TurnLoadOptions {
  readonly concurrency: number;
  readonly thinkTimeMs: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly sampleHelpersCpuMs?: () => number;
  readonly keepSamples?: boolean;
}

let questions: LabelledQuestion[] | undefined;
/** Conversation numbers keep counting across runs, so each run talks with people the bot has not seen. */
let nextConversation = 0;
/** Per bot process, the conversations already under way, so a later round continues them (no second install). */
const underWay = new Map<string, ScriptedConversation[]>();

/** The same scripted conversations against whichever bot is given: the echo bot or the full bot. */
export async function measureTurns(bot: BotUnderTest, sink: ReplySink, options: TurnLoadOptions, firstConversation?: number): Promise<LoadResult> {
  questions ??= loadLabelledQuestions();
  const first = firstConversation ?? nextConversation;
  nextConversation = Math.max(nextConversation, first + options.concurrency);
  const key = `${bot.pid} ${first} ${options.concurrency}`;
  let conversations = underWay.get(key);
  if (!conversations) {
    conversations = Array.from({ length: options.concurrency }, (_, index) => new ScriptedConversation(first + index, sink.serviceUrl, questions!));
    underWay.set(key, conversations);
  }
  return driveLoad({
    messagesUrl: bot.messagesUrl,
    sink,
    conversations,
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
    thinkTimeMs: options.thinkTimeMs,
    sampleBot: bot.sample,
    sampleHelpersCpuMs: options.sampleHelpersCpuMs,
    keepSamples: options.keepSamples,
  });
}
