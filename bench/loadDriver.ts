import http from 'node:http';
import type { ConnectorCall } from '../test/support/localConnector';
import type { ScriptedTurn, TurnKind } from './activityStream';
import type { ProcessSample } from './processStats';
import type { ReplySink } from './replySink';
import { summarise, type LatencySummary } from './stats';
import { seededRandom } from '../src/shared/seededRandom';

/** A conversation the driver keeps busy: it asks for the next turn and hears the replies. */
export interface DrivenConversation {
  next(): ScriptedTurn;
  answered?(turn: ScriptedTurn, replies: readonly ConnectorCall[], latencyMs: number): void;
}

export interface LoadOptions {
  readonly messagesUrl: string;
  readonly sink: ReplySink;
  /** One per concurrent conversation; each has at most one turn in flight, like a person waiting for the answer. */
  readonly conversations: readonly DrivenConversation[];
  /** Turns before the measurement starts (installs, caches, JIT); not counted. */
  readonly warmupMs: number;
  readonly durationMs: number;
  /** Stops early after this many measured turns. */
  readonly maxTurns?: number;
  readonly timeoutMs?: number;
  /**
   * Mean pause between an answer and the conversation's next turn (uniform, 0.5x to 1.5x), so
   * latency is measured at a given pace rather than at saturation. 0: flat out.
   */
  readonly thinkTimeMs?: number;
  /** Keep the raw latencies in the result, so several rounds can be merged. */
  readonly keepSamples?: boolean;
  /** Conversations join one by one over this time, as people arrive, instead of all at once. */
  readonly rampUpMs?: number;
  /** CPU time (ms) of helper processes such as Azurite, which compete with the bot on this machine. */
  readonly sampleHelpersCpuMs?: () => number;
  /** The bot process, sampled from outside for CPU time and memory. */
  readonly sampleBot?: () => ProcessSample;
}

export interface LoadResult {
  readonly concurrency: number;
  readonly thinkTimeMs: number;
  /** Turns sent during the measurement, each answered or failed. */
  readonly turns: number;
  readonly errors: number;
  readonly errorKinds: Readonly<Record<string, number>>;
  readonly elapsedMs: number;
  readonly turnsPerSecond: number;
  readonly latency: LatencySummary;
  readonly latencyByKind: Readonly<Partial<Record<TurnKind, LatencySummary>>>;
  readonly repliesPerTurn: number;
  /** Turns completed within the measurement window, the base of turns/s and CPU per turn. */
  readonly completedInWindow: number;
  /** Raw latencies, kept only when asked for (to merge rounds); left out of reports. */
  readonly samples?: { readonly all: readonly number[]; readonly byKind: Readonly<Partial<Record<TurnKind, readonly number[]>>> };
  /** CPU time of the bot process per measured turn, and cores it kept busy on average. */
  readonly cpuMsPerTurn?: number;
  readonly cpuCores?: number;
  /**
   * Cores this process (load generator, connector and stand-ins) kept busy meanwhile: on a
   * two-core machine it competes with the bot, which a bot in Azure would not have to.
   */
  readonly driverCores: number;
  readonly helperCores?: number;
  readonly maxRssMb?: number;
  readonly peakRssMb?: number;
}

const RSS_SAMPLE_MS = 200;

/**
 * A closed-loop load: every conversation posts its next activity as soon as the previous one
 * was answered. Latency is the HTTP round trip of /api/messages, which CloudAdapter answers
 * after the turn, replies to the connector included, has finished.
 */
export async function driveLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.messagesUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.conversations.length });
  const latencies: number[] = [];
  const byKind = new Map<TurnKind, number[]>();
  const errorKinds: Record<string, number> = {};
  let replies = 0;
  let started = 0;
  let completedInWindow = 0;
  let recording = false;
  let stopping = false;
  let windowStart = 0;
  let windowEnd = 0;
  let cpuAtStart = 0;
  let cpuAtEnd = 0;
  let driverCpuAtStart = process.cpuUsage();
  let driverCpu = { user: 0, system: 0 };
  let helpersAtStart = 0;
  let helpersAtEnd = 0;
  let maxRssMb = 0;
  let peakRssMb: number | undefined;
  const pauses = new Set<() => void>();

  /** A pause that ends early when the run stops, so no conversation keeps the run waiting. */
  const pause = (milliseconds: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        pauses.delete(done);
        resolve();
      };
      const timer = setTimeout(done, milliseconds);
      pauses.add(done);
    });

  const thinkTimeMs = options.thinkTimeMs ?? 0;
  // A turn counts when it was sent during the measurement: its latency and errors are kept even
  // if it completes after the window closed. Throughput and CPU use the turns completed within it.
  const run = async (conversation: DrivenConversation, index: number) => {
    const random = seededRandom(index + 1);
    const rampUpMs = options.rampUpMs ?? 0;
    if (rampUpMs > 0) await pause((index / options.conversations.length) * rampUpMs);
    // Paced conversations start spread over one pause, not all in the same millisecond.
    if (thinkTimeMs > 0) await pause(random() * thinkTimeMs);
    let first = true;
    while (!stopping) {
      if (!first && thinkTimeMs > 0) await pause(thinkTimeMs * (0.5 + random()));
      first = false;
      if (stopping) break;
      const turn = conversation.next();
      const counted = recording;
      if (counted) {
        started += 1;
        if (options.maxTurns !== undefined && started >= options.maxTurns) finish();
      }
      options.sink.expectRepliesTo(turn.activity.id);
      const sentAt = performance.now();
      let status: number | undefined;
      let failure: string | undefined;
      try {
        status = await post(agent, url, JSON.stringify(turn.activity), options.timeoutMs ?? 10_000);
      } catch (error) {
        failure = (error as Error).message === 'timeout' ? 'timeout' : 'network';
      }
      const latencyMs = performance.now() - sentAt;
      const answers = options.sink.take(turn.activity.id);
      if (failure === undefined && status !== undefined && (status < 200 || status >= 300)) failure = `http ${status}`;
      if (failure === undefined && answers.length === 0) failure = 'no reply';
      if (counted) {
        if (recording) completedInWindow += 1;
        if (failure !== undefined) errorKinds[failure] = (errorKinds[failure] ?? 0) + 1;
        latencies.push(latencyMs);
        let kindLatencies = byKind.get(turn.kind);
        if (!kindLatencies) byKind.set(turn.kind, (kindLatencies = []));
        kindLatencies.push(latencyMs);
        replies += answers.length;
      }
      conversation.answered?.(turn, answers, latencyMs);
      // A bot that went away refuses at once; do not spin.
      if (failure === 'network') await pause(10);
    }
  };

  let finishTimer: NodeJS.Timeout | undefined;
  let rssTimer: NodeJS.Timeout | undefined;
  const finish = () => {
    if (!recording) return;
    recording = false;
    stopping = true;
    windowEnd = performance.now();
    driverCpu = process.cpuUsage(driverCpuAtStart);
    helpersAtEnd = options.sampleHelpersCpuMs?.() ?? 0;
    if (finishTimer) clearTimeout(finishTimer);
    if (rssTimer) clearInterval(rssTimer);
    if (options.sampleBot) {
      const sample = options.sampleBot();
      cpuAtEnd = sample.cpuMs;
      peakRssMb = sample.peakRssMb;
      maxRssMb = Math.max(maxRssMb, sample.rssMb);
    }
    for (const wake of [...pauses]) wake();
  };
  const startRecording = () => {
    windowStart = performance.now();
    driverCpuAtStart = process.cpuUsage();
    helpersAtStart = options.sampleHelpersCpuMs?.() ?? 0;
    cpuAtStart = options.sampleBot?.().cpuMs ?? 0;
    recording = true;
    finishTimer = setTimeout(finish, options.durationMs);
    if (options.sampleBot) {
      rssTimer = setInterval(() => {
        maxRssMb = Math.max(maxRssMb, options.sampleBot!().rssMb);
      }, RSS_SAMPLE_MS);
    }
  };
  let warmupTimer: NodeJS.Timeout | undefined;
  if (options.warmupMs > 0) warmupTimer = setTimeout(startRecording, options.warmupMs);
  else startRecording();
  await Promise.all(options.conversations.map((conversation, index) => run(conversation, index)));
  clearTimeout(warmupTimer);
  agent.destroy();

  const elapsedMs = windowEnd - windowStart;
  const errors = Object.values(errorKinds).reduce((sum, count) => sum + count, 0);
  return {
    concurrency: options.conversations.length,
    thinkTimeMs,
    turns: latencies.length,
    errors,
    errorKinds,
    elapsedMs,
    turnsPerSecond: (completedInWindow * 1000) / elapsedMs,
    latency: summarise(latencies),
    latencyByKind: Object.fromEntries([...byKind].map(([kind, values]) => [kind, summarise(values)])),
    repliesPerTurn: latencies.length > 0 ? replies / latencies.length : 0,
    completedInWindow,
    ...(options.keepSamples ? { samples: { all: latencies, byKind: Object.fromEntries(byKind) } } : {}),
    driverCores: (driverCpu.user + driverCpu.system) / 1000 / elapsedMs,
    ...(options.sampleHelpersCpuMs ? { helperCores: (helpersAtEnd - helpersAtStart) / elapsedMs } : {}),
    ...(options.sampleBot
      ? {
          cpuMsPerTurn: (cpuAtEnd - cpuAtStart) / Math.max(1, completedInWindow),
          cpuCores: (cpuAtEnd - cpuAtStart) / elapsedMs,
          maxRssMb,
          peakRssMb,
        }
      : {}),
  };
}

/** Posts one activity to /api/messages; resolves with the HTTP status once the response has been read. */
export function post(agent: http.Agent, url: URL, body: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Several rounds of the same load as one result: rates over the summed windows, percentiles over
 * every sample. Rounds must have kept their samples.
 */
export function mergeRounds(rounds: readonly LoadResult[]): LoadResult {
  const first = rounds[0]!;
  const sum = (pick: (round: LoadResult) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  const elapsedMs = sum((round) => round.elapsedMs);
  const completed = sum((round) => round.completedInWindow);
  const all = rounds.flatMap((round) => [...(round.samples?.all ?? [])]);
  const kinds = new Set(rounds.flatMap((round) => Object.keys(round.samples?.byKind ?? {}) as TurnKind[]));
  const errorKinds: Record<string, number> = {};
  for (const round of rounds) for (const [kind, count] of Object.entries(round.errorKinds)) errorKinds[kind] = (errorKinds[kind] ?? 0) + count;
  const botCpuMs = sum((round) => (round.cpuMsPerTurn ?? 0) * round.completedInWindow);
  const maximum = (pick: (round: LoadResult) => number | undefined) => {
    const values = rounds.map(pick).filter((value): value is number => value !== undefined);
    return values.length > 0 ? Math.max(...values) : undefined;
  };
  return {
    concurrency: first.concurrency,
    thinkTimeMs: first.thinkTimeMs,
    turns: sum((round) => round.turns),
    errors: sum((round) => round.errors),
    errorKinds,
    elapsedMs,
    turnsPerSecond: (completed * 1000) / elapsedMs,
    latency: summarise(all),
    latencyByKind: Object.fromEntries(
      [...kinds].map((kind) => [kind, summarise(rounds.flatMap((round) => [...(round.samples?.byKind[kind] ?? [])]))]),
    ),
    repliesPerTurn: sum((round) => round.repliesPerTurn * round.turns) / Math.max(1, sum((round) => round.turns)),
    completedInWindow: completed,
    driverCores: sum((round) => round.driverCores * round.elapsedMs) / elapsedMs,
    ...(first.helperCores !== undefined ? { helperCores: sum((round) => (round.helperCores ?? 0) * round.elapsedMs) / elapsedMs } : {}),
    ...(first.cpuMsPerTurn !== undefined
      ? {
          cpuMsPerTurn: botCpuMs / Math.max(1, completed),
          cpuCores: botCpuMs / elapsedMs,
          maxRssMb: maximum((round) => round.maxRssMb),
          peakRssMb: maximum((round) => round.peakRssMb),
        }
      : {}),
  };
}

/** The result without its raw samples, for reports. */
export function withoutSamples(result: LoadResult): LoadResult {
  const { samples: _samples, ...rest } = result;
  return rest;
}
