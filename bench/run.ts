import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAzurite, type RunningAzurite } from '../test/support/azurite';
import { LocalConnector } from '../test/support/localConnector';
import type { BotUnderTest } from './botUnderTest';
import { compileForBench, ROOT, type CompiledBuild } from './compiledBuild';
import { newestProfile, summariseProfile, type ProfileSummary } from './cpuProfile';
import { benchHandoff, type HandoffFigures } from './handoffBench';
import { benchLongMessages, type LongMessageFigures } from './longMessageBench';
import { benchCardRendering, benchClassifier, type CardFigures, type ClassifierFigures } from './inProcessBenches';
import { mergeRounds, withoutSamples, type LoadResult } from './loadDriver';
import { canSampleProcesses, childrenCpuMs } from './processStats';
import { ReplySink } from './replySink';
import { describeMachine, goalsTable, table, type GoalCheck, type MachineInfo } from './report';
import { median, round } from './stats';
import { startEchoBot, startFullBot, type RunningFullBot, type StorageKind } from './subjects';
import { measureTurns, type TurnLoadOptions } from './turnBench';

/**
 * `npm run bench`: the bot's cost per turn against the bare SDK, its parts (classifier, cards,
 * handoff), start-up, memory and scaling, in one run on loopback. Prints tables and writes
 * bench/results/latest.json, the record the docs quote; a quick or partial run writes to the system's temporary folder
 * unless given --out, so it never replaces the record. No message text is printed or written, only figures.
 *
 *   npm run bench                      full run, about three minutes
 *   npm run bench -- --quick           shorter phases, about a minute; for checking the harness
 *   npm run bench -- --cpu-prof        also profiles the full bot under load and lists its hottest functions
 *   npm run bench -- --only turns,classifier   or --skip azure: sections are
 *                                      classifier, cards, startup, turns, scaling, azure, handoff, longMessage
 *   npm run bench -- --out bench/results/before.json
 */

const SECTIONS = ['classifier', 'cards', 'startup', 'turns', 'scaling', 'azure', 'handoff', 'longMessage'] as const;
type Section = (typeof SECTIONS)[number];

interface Settings {
  readonly quick: boolean;
  readonly cpuProfile: boolean;
  readonly sections: ReadonlySet<Section>;
  readonly out: string;
  readonly inProcessMs: number;
  readonly warmupMs: number;
  readonly saturatedMs: number;
  readonly pacedMs: number;
  readonly scalingMs: number;
  readonly startups: number;
  readonly handoffs: number;
  /** Mean pause between turns for the paced runs: far quicker than people read and click. */
  readonly thinkTimeMs: number;
}

function parseSettings(argv: readonly string[]): Settings {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const list = (flag: string) => (value(flag) ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  for (const name of [...list('--only'), ...list('--skip')]) {
    if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`unknown section ${name}; sections are ${SECTIONS.join(', ')}`);
  }
  const only = list('--only') as Section[];
  const skip = new Set(list('--skip') as Section[]);
  const sections = new Set((only.length > 0 ? only : [...SECTIONS]).filter((section) => !skip.has(section)));
  const quick = argv.includes('--quick');
  const partial = quick || sections.size < SECTIONS.length;
  return {
    quick,
    cpuProfile: argv.includes('--cpu-prof'),
    sections,
    out: path.resolve(value('--out') ?? (partial ? path.join(os.tmpdir(), 'bystander-bench-partial.json') : path.join(ROOT, 'bench', 'results', 'latest.json'))),
    inProcessMs: quick ? 1500 : 3000,
    warmupMs: quick ? 1000 : 2000,
    saturatedMs: quick ? 4000 : 8000,
    pacedMs: quick ? 5000 : 8000,
    scalingMs: quick ? 3000 : 5000,
    startups: quick ? 1 : 3,
    handoffs: quick ? 24 : 60,
    thinkTimeMs: Number(value('--think-ms') ?? 1000),
  };
}

interface TurnPoint {
  readonly storage: StorageKind;
  readonly mode: 'saturated' | 'paced';
  readonly result: LoadResult;
}

interface Results {
  generatedAt: string;
  command: string;
  machine: MachineInfo;
  settings: Omit<Settings, 'sections' | 'out'> & { sections: Section[] };
  classifier?: ClassifierFigures;
  cards?: CardFigures;
  startup?: {
    fullBotMs: number[];
    echoBotMs: number[];
    fullBotMedianMs: number;
    echoBotMedianMs: number;
    fullBotIdleRssMb: number;
    echoBotIdleRssMb: number;
  };
  turns?: {
    echo: { saturated: LoadResult; paced: LoadResult };
    full: { saturated: LoadResult; paced: LoadResult };
    throughputRatio: number;
    cpuPerTurnRatio: number;
    fullPeakRssMbAt50: number;
    /** The same load with V8's old generation capped, as recommended for App Service. */
    heapCapped?: { nodeFlag: string; saturated: LoadResult; paced: LoadResult; peakRssMb: number };
  };
  scaling?: TurnPoint[];
  fullPeakRssMbAt200?: number;
  handoff?: HandoffFigures;
  longMessage?: LongMessageFigures;
  profile?: ProfileSummary & { file: string };
  goals?: GoalCheck[];
}

async function main(): Promise<void> {
  const settings = parseSettings(process.argv.slice(2));
  if (!canSampleProcesses()) console.log('note: /proc is not readable here; CPU and memory of the bot processes are left out');
  const { sections } = settings;
  const results: Results = {
    generatedAt: new Date().toISOString(),
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    machine: describeMachine(),
    settings: { ...settings, sections: [...sections] },
  };
  console.log(
    `bench: ${results.machine.cores} × ${results.machine.cpuModel}, ${results.machine.memoryGb} GB, Node ${results.machine.node}, ` +
      `load average ${results.machine.loadAverageAtStart}${settings.quick ? ' (quick)' : ''}`,
  );

  const build = compileForBench();
  const connector = await new LocalConnector().start();
  const sink = new ReplySink(connector);
  let azurite: RunningAzurite | undefined;
  try {
    if (sections.has('classifier')) {
      progress('classifier');
      results.classifier = await benchClassifier(settings.inProcessMs);
      printClassifier(results.classifier);
    }
    if (sections.has('cards')) {
      progress('card rendering');
      results.cards = benchCardRendering(settings.inProcessMs);
      printCards(results.cards);
    }
    if (sections.has('startup')) {
      progress('start-up');
      results.startup = await benchStartup(build, settings.startups);
      printStartup(results.startup);
    }
    if (sections.has('turns') || sections.has('scaling')) {
      progress('per turn: echo bot vs full bot, 50 conversations');
      await benchTurnsAndSqliteScaling(build, sink, settings, results);
    }
    if (sections.has('azure')) {
      progress('scaling with Azure Tables (Azurite)');
      azurite = await startAzurite();
      const bot = await startFullBot(build, { storage: 'azure-tables', azureTablesConnectionString: azurite.connectionString });
      try {
        const azuriteCpuMs = () => childrenCpuMs([bot.pid]);
        for (const concurrency of [1, 50, 200]) {
          results.scaling = [
            ...(results.scaling ?? []),
            ...(await scalingPoint(bot, sink, settings, 'azure-tables', concurrency, azuriteCpuMs)),
          ];
        }
      } finally {
        await bot.stopAndClean();
      }
    }
    if (results.scaling) printScaling(results.scaling);
    if (sections.has('handoff')) {
      progress('handoff: request to advisor notification');
      results.handoff = await benchHandoff(build, sink, { requests: settings.handoffs, concurrency: 4, storage: 'sqlite' });
      printHandoff(results.handoff);
    }
    if (sections.has('longMessage')) {
      progress('a 240 KB message: the turn, and /healthz while it runs');
      results.longMessage = await benchLongMessages(build, sink, settings.quick ? 2 : 5);
      printLongMessage(results.longMessage);
    }
    if (settings.cpuProfile) {
      progress('CPU profile of the full bot, 50 conversations flat out');
      results.profile = await profileFullBot(build, sink, settings);
      printProfile(results.profile);
    }
  } finally {
    await azurite?.stop();
    await connector.stop();
    build.remove();
  }

  results.machine.loadAverageAtEnd = Math.round(os.loadavg()[0]! * 100) / 100;
  results.goals = checkGoals(results);
  console.log(goalsTable(results.goals));
  fs.mkdirSync(path.dirname(settings.out), { recursive: true });
  fs.writeFileSync(settings.out, `${JSON.stringify(results, roundNumbers, 2)}\n`);
  console.log(`\nload average ${results.machine.loadAverageAtStart} → ${results.machine.loadAverageAtEnd}; figures in ${path.relative(process.cwd(), settings.out)}`);
}

async function benchStartup(build: CompiledBuild, runs: number): Promise<NonNullable<Results['startup']>> {
  const fullBotMs: number[] = [];
  const echoBotMs: number[] = [];
  const fullRss: number[] = [];
  const echoRss: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const echo = await startEchoBot(build);
    echoBotMs.push(echo.startupMs);
    echoRss.push(echo.sample().rssMb);
    await echo.stop();
    const full = await startFullBot(build, { storage: 'sqlite' });
    fullBotMs.push(full.startupMs);
    fullRss.push(full.sample().rssMb);
    await full.stopAndClean();
  }
  return {
    fullBotMs,
    echoBotMs,
    fullBotMedianMs: median(fullBotMs),
    echoBotMedianMs: median(echoBotMs),
    fullBotIdleRssMb: median(fullRss),
    echoBotIdleRssMb: median(echoRss),
  };
}

/**
 * V8 lets the old generation grow far past what the bot keeps alive when allocation is fast; a
 * cap makes it collect sooner. The bot's live heap is about 50 MB.
 */
export const HEAP_CAP_FLAG = '--max-old-space-size=128';

/** Conversation numbers: each kind of run gets its own people, the same for both bots. */
const BLOCK = { saturated: 0, paced: 10_000, scaling: 20_000 } as const;
let scalingBlock: number = BLOCK.scaling;

/** A warm bot needs only its connections back before a later round is measured. */
const ROUND_WARMUP_MS = 750;

/**
 * The bots take turns, a few short rounds each, in alternating order, so drifting load from
 * other work on a shared machine falls on all of them alike; each bot's rounds are then merged.
 */
async function alternate(
  bots: readonly { readonly name: string; readonly bot: BotUnderTest }[],
  sink: ReplySink,
  options: TurnLoadOptions,
  rounds: number,
  firstConversation: number,
): Promise<Record<string, LoadResult>> {
  const perBot = new Map<string, LoadResult[]>(bots.map(({ name }) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const { name, bot } of round % 2 === 0 ? bots : [...bots].reverse()) {
      const result = await measureTurns(
        bot,
        sink,
        { ...options, durationMs: options.durationMs / rounds, warmupMs: round === 0 ? options.warmupMs : ROUND_WARMUP_MS, keepSamples: true },
        firstConversation,
      );
      perBot.get(name)!.push(result);
    }
  }
  return Object.fromEntries([...perBot].map(([name, results]) => [name, withoutSamples(mergeRounds(results))]));
}

async function benchTurnsAndSqliteScaling(build: CompiledBuild, sink: ReplySink, settings: Settings, results: Results): Promise<void> {
  const saturated = { concurrency: 50, thinkTimeMs: 0, warmupMs: settings.warmupMs, durationMs: settings.saturatedMs };
  const paced = { concurrency: 50, thinkTimeMs: settings.thinkTimeMs, warmupMs: settings.warmupMs, durationMs: settings.pacedMs };
  const rounds = settings.quick ? 2 : 3;

  const echo = await startEchoBot(build);
  const full = await startFullBot(build, { storage: 'sqlite' });
  const capped = settings.sections.has('turns') ? await startFullBot(build, { storage: 'sqlite', nodeFlags: [HEAP_CAP_FLAG] }) : undefined;
  try {
    const bots = [
      { name: 'echo', bot: echo as BotUnderTest },
      { name: 'full', bot: full as BotUnderTest },
      ...(capped ? [{ name: 'capped', bot: capped as BotUnderTest }] : []),
    ];
    const flatOut = await alternate(bots, sink, saturated, rounds, BLOCK.saturated);
    const atPace = await alternate(bots, sink, paced, rounds, BLOCK.paced);
    results.turns = {
      echo: { saturated: flatOut.echo!, paced: atPace.echo! },
      full: { saturated: flatOut.full!, paced: atPace.full! },
      throughputRatio: flatOut.full!.turnsPerSecond / flatOut.echo!.turnsPerSecond,
      cpuPerTurnRatio: (flatOut.full!.cpuMsPerTurn ?? NaN) / (flatOut.echo!.cpuMsPerTurn ?? NaN),
      fullPeakRssMbAt50: full.sample().peakRssMb,
      ...(capped
        ? { heapCapped: { nodeFlag: HEAP_CAP_FLAG, saturated: flatOut.capped!, paced: atPace.capped!, peakRssMb: capped.sample().peakRssMb } }
        : {}),
    };
    await echo.stop();
    await capped?.stopAndClean();
    printTurns(results.turns);
    if (settings.sections.has('scaling')) {
      progress('scaling with SQLite');
      results.scaling = [
        ...(await scalingPoint(full, sink, settings, 'sqlite', 1)),
        { storage: 'sqlite', mode: 'saturated', result: flatOut.full! },
        { storage: 'sqlite', mode: 'paced', result: atPace.full! },
        ...(await scalingPoint(full, sink, settings, 'sqlite', 200)),
      ];
      results.fullPeakRssMbAt200 = full.sample().peakRssMb;
    }
  } finally {
    await echo.stop();
    await capped?.stopAndClean();
    await full.stopAndClean();
  }
}

/**
 * One concurrency level: flat out (throughput), and paced (latency at a given load). With one
 * conversation there is no queue, so the flat-out run gives both.
 */
async function scalingPoint(
  bot: BotUnderTest,
  sink: ReplySink,
  settings: Settings,
  storage: StorageKind,
  concurrency: number,
  sampleHelpersCpuMs?: () => number,
): Promise<TurnPoint[]> {
  const run = async (mode: 'saturated' | 'paced'): Promise<TurnPoint> => {
    scalingBlock += concurrency;
    const result = await measureTurns(
      bot,
      sink,
      {
        concurrency,
        thinkTimeMs: mode === 'paced' ? settings.thinkTimeMs : 0,
        warmupMs: settings.warmupMs,
        durationMs: settings.scalingMs,
        sampleHelpersCpuMs,
      },
      scalingBlock,
    );
    return { storage, mode, result };
  };
  return concurrency === 1 ? [await run('saturated')] : [await run('saturated'), await run('paced')];
}

async function profileFullBot(build: CompiledBuild, sink: ReplySink, settings: Settings): Promise<NonNullable<Results['profile']>> {
  const directory = path.join(ROOT, 'bench', 'results', 'profiles');
  fs.mkdirSync(directory, { recursive: true });
  const before = new Set(fs.readdirSync(directory));
  let bot: RunningFullBot | undefined = await startFullBot(build, {
    storage: 'sqlite',
    nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${directory}`],
  });
  try {
    await measureTurns(bot, sink, { concurrency: 50, thinkTimeMs: 0, warmupMs: settings.warmupMs, durationMs: settings.saturatedMs }, BLOCK.saturated);
    const skipFirstMs = bot.startupMs + settings.warmupMs;
    // The profile is written when the process exits normally, which SIGTERM leads to.
    await bot.stopAndClean();
    bot = undefined;
    const file = newestProfile(directory);
    if (!file || before.has(path.basename(file))) throw new Error('the bot wrote no CPU profile');
    return { ...summariseProfile(file, { buildDir: build.dir, skipFirstMs, top: 15 }), file: path.relative(ROOT, file) };
  } finally {
    await bot?.stopAndClean();
  }
}

function checkGoals(results: Results): GoalCheck[] {
  const goals: GoalCheck[] = [];
  if (results.turns) {
    const { turns } = results;
    goals.push({
      goal: 'throughput vs echo bot (50 conversations)',
      target: '≥ 60%',
      measured: `${Math.round(turns.throughputRatio * 100)}%`,
      met: turns.throughputRatio >= 0.6,
    });
    goals.push({
      goal: 'p99 per turn, 50 paced conversations',
      target: '< 20 ms',
      measured: `${round(turns.full.paced.latency.p99, 1)} ms`,
      met: turns.full.paced.latency.p99 < 20,
    });
    goals.push({
      goal: 'peak RSS under that load',
      target: '< 200 MB',
      measured: `${Math.round(turns.fullPeakRssMbAt50)} MB`,
      met: turns.fullPeakRssMbAt50 < 200,
    });
    if (turns.heapCapped) {
      goals.push({
        goal: `peak RSS with ${turns.heapCapped.nodeFlag}`,
        target: '< 200 MB',
        measured: `${Math.round(turns.heapCapped.peakRssMb)} MB`,
        met: turns.heapCapped.peakRssMb < 200,
      });
    }
  }
  if (results.classifier) {
    goals.push({
      goal: 'classifier worst case, any input up to the body limit',
      target: '< 50 ms',
      measured: `${results.classifier.worstCase.ms} ms`,
      met: results.classifier.worstCase.ms < 50,
    });
    goals.push({
      goal: 'classifier p99 per question',
      target: '< 1 ms',
      measured: `${round(results.classifier.latencyMs.p99, 2)} ms`,
      met: results.classifier.latencyMs.p99 < 1,
    });
  }
  if (results.startup) {
    goals.push({
      goal: 'start to /readyz (median)',
      target: '< 1.5 s',
      measured: `${round(results.startup.fullBotMedianMs / 1000, 2)} s`,
      met: results.startup.fullBotMedianMs < 1500,
    });
  }
  return goals;
}

// --- printing -------------------------------------------------------------------------------

function progress(what: string): void {
  console.log(`\n… ${what}`);
}

function printClassifier(figures: ClassifierFigures): void {
  console.log(
    table(
      `Classifier (${figures.questions} labelled questions, one at a time)`,
      ['questions/s', 'p50 ms', 'p99 ms', 'max ms', 'loading trained.json ms', 'training instead ms'],
      [[figures.questionsPerSecond, figures.latencyMs.p50, figures.latencyMs.p99, figures.latencyMs.max, figures.loadingMs, figures.trainingMs]],
    ),
  );
  console.log(
    table(
      `Classifier worst case (${figures.worstCase.inputs} crafted inputs up to the 256 KiB body limit, 3 rounds)`,
      ['slowest ms', 'slowest input'],
      [[figures.worstCase.ms, figures.worstCase.input]],
    ),
  );
}

function printCards(figures: CardFigures): void {
  console.log(
    table(
      `Card rendering (${figures.distinctCards} cards: every template, both languages)`,
      ['templates expanded/s', 'p50 ms', 'p99 ms', 'builder + expand/s', 'builder + render/s (reuse)', 'slowest (mean ms)'],
      [
        [
          figures.templatesPerSecond,
          figures.latencyMs.p50,
          figures.latencyMs.p99,
          figures.buildAndExpandPerSecond,
          figures.buildAndRenderPerSecond,
          figures.slowestTemplates.map((entry) => `${entry.template} ${entry.meanMs}`).slice(0, 2).join(', '),
        ],
      ],
    ),
  );
}

function printStartup(figures: NonNullable<Results['startup']>): void {
  console.log(
    table(
      'Start-up: process start to /readyz 200 (compiled, as App Service runs it)',
      ['bot', 'median ms', 'runs ms', 'RSS when ready MB'],
      [
        ['echo bot', figures.echoBotMedianMs, figures.echoBotMs.map((ms) => Math.round(ms)).join(' / '), figures.echoBotIdleRssMb],
        ['full bot', figures.fullBotMedianMs, figures.fullBotMs.map((ms) => Math.round(ms)).join(' / '), figures.fullBotIdleRssMb],
      ],
    ),
  );
}

function loadRow(label: string, result: LoadResult): (string | number | undefined)[] {
  return [
    label,
    result.concurrency,
    result.thinkTimeMs > 0 ? `${result.thinkTimeMs} ms` : 'none',
    result.turnsPerSecond,
    result.latency.p50,
    result.latency.p99,
    result.cpuMsPerTurn,
    result.cpuCores,
    result.driverCores,
    result.helperCores,
    result.peakRssMb,
    result.errors,
  ];
}

const LOAD_HEADERS = ['run', 'conv.', 'think', 'turns/s', 'p50 ms', 'p99 ms', 'CPU ms/turn', 'cores', 'driver cores', 'Azurite cores', 'peak RSS MB', 'errors'];

function printTurns(turns: NonNullable<Results['turns']>): void {
  console.log(
    table('Per turn: full bot vs bare-SDK echo bot, same activities, same connector (rounds alternated)', LOAD_HEADERS, [
      loadRow('echo, flat out', turns.echo.saturated),
      loadRow('full, flat out', turns.full.saturated),
      loadRow('echo, paced', turns.echo.paced),
      loadRow('full, paced', turns.full.paced),
      ...(turns.heapCapped
        ? [loadRow(`full ${turns.heapCapped.nodeFlag}, flat out`, turns.heapCapped.saturated), loadRow(`full ${turns.heapCapped.nodeFlag}, paced`, turns.heapCapped.paced)]
        : []),
    ]),
  );
  console.log(
    `full/echo: throughput ${Math.round(turns.throughputRatio * 100)}%, CPU per turn ×${round(turns.cpuPerTurnRatio, 2)}; ` +
      `full-bot p99 by kind (paced): ${Object.entries(turns.full.paced.latencyByKind)
        .map(([kind, summary]) => `${kind} ${round(summary!.p99, 1)}`)
        .join(', ')}`,
  );
}

function printScaling(points: readonly TurnPoint[]): void {
  console.log(
    table(
      'Scaling: full bot by concurrent conversations and storage',
      ['storage', ...LOAD_HEADERS],
      points.map((point) => [point.storage, ...loadRow(point.mode === 'paced' ? 'paced' : 'flat out', point.result)]),
    ),
  );
}

function printHandoff(figures: HandoffFigures): void {
  console.log(
    table(
      `Handoff (${figures.requests} requests, ${figures.concurrency} at a time, Graph stand-in)`,
      ['measure', 'p50 ms', 'p99 ms', 'max ms', 'errors'],
      [
        ['"Send request" → notification at Graph', figures.submitToNotifiedMs.p50, figures.submitToNotifiedMs.p99, figures.submitToNotifiedMs.max, figures.errors],
        ['confirm turn (case stored, card sent)', figures.confirmTurnMs.p50, figures.confirmTurnMs.p99, figures.confirmTurnMs.max, undefined],
      ],
    ),
  );
}

function printLongMessage(figures: LongMessageFigures): void {
  console.log(
    table(
      `A ${Math.round(figures.bytes / 1024)} KB message (${figures.turns} turns, one at a time, crafted texts)`,
      ['measure', 'p50 ms', 'p99 ms', 'max ms'],
      [
        ['the turn (posted → answered)', figures.turnMs.p50, figures.turnMs.p99, figures.turnMs.max],
        ['/healthz asked while it runs', figures.healthzDuringTurnMs.p50, figures.healthzDuringTurnMs.p99, figures.healthzDuringTurnMs.max],
      ],
    ),
  );
  console.log(
    table(
      'Slowest turn per kind of text',
      ['text', 'max ms'],
      Object.entries(figures.slowestTurnMsByKind).map(([kind, ms]) => [kind, ms]),
    ),
  );
}

function printProfile(profile: NonNullable<Results['profile']>): void {
  console.log(
    table(
      `Hottest functions by self time (${profile.totalMs} ms sampled under load; ${profile.file})`,
      ['function', 'where', 'self ms', '% of busy'],
      profile.topFunctions.map((entry) => [entry.function, entry.location, entry.selfMs, entry.selfPercent]),
    ),
  );
  console.log(
    table(
      'Self time by package or source file',
      ['where', 'self ms', '% of busy'],
      profile.topLocations.slice(0, 12).map((entry) => [entry.location, entry.selfMs, entry.selfPercent]),
    ),
  );
}

/** Three decimals are plenty for milliseconds and rates; keeps the JSON readable. */
function roundNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
