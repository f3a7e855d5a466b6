import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config';
import type { HandoffCase } from '../src/handoff/handoffCase';
import { createEntityStore } from '../src/storage/createEntityStore';
import { startAzurite, type RunningAzurite } from '../test/support/azurite';
import type { ConnectorCall } from '../test/support/localConnector';
import { LocalConnector } from '../test/support/localConnector';
import { installActivity } from '../test/support/teamsActivities';
import { handoffTurns, loadLabelledQuestions, ScriptedConversation, type LabelledQuestion, type ScriptedTurn } from '../bench/activityStream';
import { caseCodeIn, GraphAdvisors } from '../bench/advisorSetup';
import { compileForBench, ROOT } from '../bench/compiledBuild';
import { newestProfile, summariseProfile } from '../bench/cpuProfile';
import { driveLoad, type DrivenConversation, type LoadResult } from '../bench/loadDriver';
import { seededRandom } from '../src/shared/seededRandom';
import { ReplySink } from '../bench/replySink';
import { describeMachine, table } from '../bench/report';
import { childrenCpuMs } from '../bench/processStats';
import { round } from '../bench/stats';
import { startFullBot, type RunningFullBot, type StorageKind } from '../bench/subjects';
import { PERSPECTIVES, TOPICS } from '../src/guidance/vocabulary';

/**
 * `npm run loadtest`: many people at once through the whole HTTP path, including requests for
 * a confidential adviser, for a fixed time; then proof from storage and from the advisors' side
 * that every confirmed request was stored once and notified once. Loopback only; bounded in
 * time and in requests. Not part of `npm test`.
 *
 *   npm run loadtest
 *   npm run loadtest -- --conversations 200 --duration 30 --storage azure-tables
 *   flags: --conversations N (200)  --duration seconds (30)  --max-requests N (50000)
 *          --think-ms mean pause between turns (1000)  --handoff-every turns (15)
 *          --ramp-up seconds over which the conversations join (10)
 *          --storage sqlite|azure-tables (sqlite)  --out file (bench/results/loadtest.json)
 *          --flaky-proactive N: the connector refuses 1 in N messages into advisers' chats with 503 (off)
 *          --cpu-prof: profile the bot and list its hottest functions
 *
 * The last line is the verdict; the exit code is non-zero on any error or lost/duplicated case.
 */

interface Settings {
  readonly conversations: number;
  readonly durationMs: number;
  readonly maxRequests: number;
  readonly thinkTimeMs: number;
  readonly handoffEvery: number;
  readonly rampUpMs: number;
  readonly storage: StorageKind;
  readonly out: string;
  readonly cpuProfile: boolean;
  /** 0: off; N: one in N messages the bot posts into an adviser's chat is refused with 503. */
  readonly flakyProactive: number;
}

const PROFILE_DIR = path.join(ROOT, 'bench', 'results', 'profiles');
const LIMITS = { conversations: 2000, durationSeconds: 600, maxRequests: 1_000_000 } as const;
/** How long the advisors' side may take, after the load stops, to receive what is still in the outbox. */
const DRAIN_TIMEOUT_MS = 30_000;

function parseSettings(argv: readonly string[]): Settings {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const bounded = (flag: string, fallback: number, max: number) => {
    const parsed = Number(value(flag) ?? fallback);
    if (!Number.isFinite(parsed) || parsed < 0 || parsed > max) throw new Error(`${flag} must be a number from 0 to ${max}`);
    return parsed;
  };
  const storage = value('--storage') ?? 'sqlite';
  if (storage !== 'sqlite' && storage !== 'azure-tables') throw new Error('--storage must be sqlite or azure-tables');
  return {
    conversations: Math.max(1, Math.round(bounded('--conversations', 200, LIMITS.conversations))),
    durationMs: bounded('--duration', 30, LIMITS.durationSeconds) * 1000,
    maxRequests: Math.round(bounded('--max-requests', 50_000, LIMITS.maxRequests)),
    thinkTimeMs: bounded('--think-ms', 1000, 60_000),
    rampUpMs: bounded('--ramp-up', 10, LIMITS.durationSeconds) * 1000,
    handoffEvery: Math.max(2, Math.round(bounded('--handoff-every', 15, 10_000))),
    storage,
    out: path.resolve(value('--out') ?? path.join(ROOT, 'bench', 'results', 'loadtest.json')),
    cpuProfile: argv.includes('--cpu-prof'),
    flakyProactive: Math.round(bounded('--flaky-proactive', 0, 1000)),
  };
}

/** What the load saw of the handoffs: the case codes people were shown, and what went wrong. */
class HandoffLedger {
  readonly confirmedCodes: string[] = [];
  confirmationsWithoutCode = 0;
  private nextPerson: number;

  constructor(firstPerson: number) {
    this.nextPerson = firstPerson;
  }

  newPersonNumber(): number {
    return this.nextPerson++;
  }
}

/**
 * A person chatting with the bot (the scripted guidance conversation) who now and then asks for
 * an adviser. Once a request is confirmed that person has an open case, so the slot continues
 * as someone new, as the next person in line would.
 */
class LoadConversation implements DrivenConversation {
  private script: ScriptedConversation;
  private readonly queued: ScriptedTurn[] = [];
  private turnsUntilHandoff: number;
  private readonly random: () => number;

  constructor(
    slot: number,
    private readonly serviceUrl: string,
    private readonly questions: readonly LabelledQuestion[],
    private readonly handoffEvery: number,
    private readonly ledger: HandoffLedger,
  ) {
    this.script = new ScriptedConversation(slot, serviceUrl, questions);
    this.random = seededRandom(slot + 7919);
    this.turnsUntilHandoff = this.handoffInterval();
  }

  next(): ScriptedTurn {
    const queued = this.queued.shift();
    if (queued) return queued;
    this.turnsUntilHandoff -= 1;
    if (this.turnsUntilHandoff > 0) return this.script.next();
    this.turnsUntilHandoff = this.handoffInterval();
    const index = this.script.index;
    const flow = { topic: TOPICS[index % TOPICS.length]!, perspective: PERSPECTIVES[index % PERSPECTIVES.length]! };
    const message = this.questions[index % this.questions.length]!.text;
    this.queued.push(...handoffTurns(this.script.user, this.serviceUrl, flow, message));
    return this.queued.shift()!;
  }

  answered(turn: ScriptedTurn, replies: readonly ConnectorCall[]): void {
    if (turn.kind !== 'handoffConfirm') return;
    const code = caseCodeIn(replies);
    if (code) this.ledger.confirmedCodes.push(code);
    else this.ledger.confirmationsWithoutCode += 1;
    this.script = new ScriptedConversation(this.ledger.newPersonNumber(), this.serviceUrl, this.questions);
  }

  /** The first request comes after a short chat (the install included), later ones spread around the mean. */
  private handoffInterval(): number {
    return Math.max(3, Math.round(this.handoffEvery * (0.5 + this.random())));
  }
}

interface CaseCheck {
  readonly confirmed: number;
  /** Confirmed codes found exactly once in storage. */
  readonly storedOnce: number;
  /** Confirmed codes with exactly one activity-feed notification and exactly one card per advisor. */
  readonly notifiedOnce: number;
  readonly lost: number;
  readonly duplicated: number;
  /** Cases in storage that nobody saw a confirmation for. */
  readonly unconfirmedStored: number;
  readonly notNotified: number;
  readonly notifiedMoreThanOnce: number;
}

async function main(): Promise<void> {
  const settings = parseSettings(process.argv.slice(2));
  const machine = describeMachine();
  const build = compileForBench();
  const connector = await new LocalConnector().start();
  const sink = new ReplySink(connector);
  const advisors = await GraphAdvisors.start();
  let azurite: RunningAzurite | undefined;
  let bot: RunningFullBot | undefined;
  try {
    if (settings.storage === 'azure-tables') azurite = await startAzurite();
    bot = await startFullBot(build, {
      storage: settings.storage,
      azureTablesConnectionString: azurite?.connectionString,
      graph: advisors.botOptions,
      nodeFlags: settings.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
    });
    console.log(
      `loadtest: ${settings.conversations} conversations (joining over ${settings.rampUpMs / 1000} s) for ${settings.durationMs / 1000} s ` +
        `(at most ${settings.maxRequests} requests), ` +
        `${settings.storage}, a turn every ~${settings.thinkTimeMs} ms per conversation, an adviser request every ~${settings.handoffEvery} turns; ` +
        `bot ready in ${Math.round(bot.startupMs)} ms`,
    );
    if (settings.flakyProactive > 0) {
      // Everything that goes into an adviser's chat is posted by the bot on its own (from the outbox).
      const adviserChats = new Set(advisors.advisors.map((advisor) => advisor.conversationId));
      let sends = 0;
      connector.failWhen = ({ conversationId }) => adviserChats.has(conversationId) && ++sends % settings.flakyProactive === 0;
    }
    for (const advisor of advisors.advisors) {
      sink.watchConversation(advisor.conversationId);
      const install = { ...installActivity(advisor, sink.serviceUrl), id: `install-${advisor.conversationId}` };
      sink.expectRepliesTo(install.id);
      const response = await fetch(bot.messagesUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(install) });
      sink.take(install.id);
      if (!response.ok) throw new Error(`installing the bot for an advisor answered HTTP ${response.status}`);
    }

    const questions = loadLabelledQuestions();
    const ledger = new HandoffLedger(settings.conversations);
    const load = await driveLoad({
      messagesUrl: bot.messagesUrl,
      sink,
      conversations: Array.from(
        { length: settings.conversations },
        (_, slot) => new LoadConversation(slot, sink.serviceUrl, questions, settings.handoffEvery, ledger),
      ),
      warmupMs: 0,
      durationMs: settings.durationMs,
      maxTurns: settings.maxRequests,
      thinkTimeMs: settings.thinkTimeMs,
      rampUpMs: settings.rampUpMs,
      sampleBot: bot.sample,
      ...(azurite ? { sampleHelpersCpuMs: () => childrenCpuMs([bot!.pid]) } : {}),
    });

    await waitForAdvisors(ledger.confirmedCodes, advisors, sink);
    const peakRssMb = bot.sample().peakRssMb;
    // A graceful stop flushes the outbox and closes storage, so what is read next is final.
    const environment = bot.environment;
    await bot.stop();
    const storedCodes = await readStoredCaseCodes(environment);
    await bot.stopAndClean();
    bot = undefined;

    const check = checkCases(ledger, storedCodes, advisors, sink);
    machine.loadAverageAtEnd = Math.round(os.loadavg()[0]! * 100) / 100;
    printReport(load, check, ledger);
    // Other work on a shared machine takes cores from the bot; the load average shows how much.
    console.log(`machine: ${machine.cores} cores, load average ${machine.loadAverageAtStart} → ${machine.loadAverageAtEnd}`);
    if (settings.cpuProfile) printProfile(build.dir);
    const errors = load.errors + ledger.confirmationsWithoutCode;
    fs.mkdirSync(path.dirname(settings.out), { recursive: true });
    fs.writeFileSync(
      settings.out,
      `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, settings: { ...settings, out: undefined }, load, peakRssMb, cases: check }, null, 2)}\n`,
    );
    const passed = errors === 0 && check.lost === 0 && check.duplicated === 0 && check.unconfirmedStored === 0 && check.notifiedOnce === check.confirmed;
    console.log(
      `loadtest: ${load.turns} requests, ${errors} errors, p50 ${round(load.latency.p50, 1)} ms, p99 ${round(load.latency.p99, 1)} ms, ` +
        `peak RSS ${Math.round(peakRssMb)} MB, cases ${check.confirmed} confirmed / ${check.storedOnce} stored / ${check.notifiedOnce} notified once` +
        (settings.flakyProactive > 0 ? `, ${connector.refused.length} proactive sends refused (1 in ${settings.flakyProactive})` : ''),
    );
    process.exitCode = passed ? 0 : 1;
  } finally {
    await bot?.stopAndClean();
    await advisors.stop();
    await azurite?.stop();
    await connector.stop();
    build.remove();
  }
}

/** Waits until every confirmed case reached Graph and every advisor's chat, or the drain time is up. */
async function waitForAdvisors(codes: readonly string[], advisors: GraphAdvisors, sink: ReplySink): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (Date.now() < deadline) {
    sink.drain();
    const cards = advisorCardCounts(sink.watchedCalls);
    const complete = codes.every(
      (code) => advisors.notificationsByCode.has(code) && advisors.advisors.every((advisor) => (cards.get(`${code} ${advisor.conversationId}`) ?? 0) >= 1),
    );
    if (complete) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // Room for a duplicate to show up before anything is counted.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  sink.drain();
}

/** New-case cards posted to advisors' chats, by case code and advisor conversation. */
function advisorCardCounts(calls: readonly ConnectorCall[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls) {
    if (call.method !== 'POST') continue;
    const code = caseCodeIn([call]);
    if (!code) continue;
    const key = `${code} ${call.conversationId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function readStoredCaseCodes(environment: Readonly<Record<string, string>>): Promise<string[]> {
  const config = loadConfig({ ...environment });
  const store = await createEntityStore(config.storage);
  try {
    return (await store.listPartition<HandoffCase>('cases', 'case')).map((entity) => entity.value.code.toUpperCase());
  } finally {
    await store.close();
  }
}

function checkCases(ledger: HandoffLedger, storedCodes: readonly string[], advisors: GraphAdvisors, sink: ReplySink): CaseCheck {
  const confirmed = new Set(ledger.confirmedCodes);
  const storedCount = countBy(storedCodes);
  const cards = advisorCardCounts(sink.watchedCalls);
  let storedOnce = 0;
  let notifiedOnce = 0;
  let notNotified = 0;
  let notifiedMoreThanOnce = 0;
  for (const code of confirmed) {
    if (storedCount.get(code) === 1) storedOnce += 1;
    const notifications = advisors.notificationsByCode.get(code)?.length ?? 0;
    const cardCounts = advisors.advisors.map((advisor) => cards.get(`${code} ${advisor.conversationId}`) ?? 0);
    if (notifications === 1 && cardCounts.every((count) => count === 1)) notifiedOnce += 1;
    else if (notifications === 0 || cardCounts.some((count) => count === 0)) notNotified += 1;
    else notifiedMoreThanOnce += 1;
  }
  return {
    confirmed: confirmed.size,
    storedOnce,
    notifiedOnce,
    lost: [...confirmed].filter((code) => !storedCount.has(code)).length,
    duplicated:
      ledger.confirmedCodes.length - confirmed.size + [...storedCount.values()].filter((count) => count > 1).length,
    unconfirmedStored: [...storedCount.keys()].filter((code) => !confirmed.has(code)).length,
    notNotified,
    notifiedMoreThanOnce,
  };
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function printReport(load: LoadResult, check: CaseCheck, ledger: HandoffLedger): void {
  console.log(
    table(
      'Requests by kind',
      ['kind', 'requests', 'p50 ms', 'p99 ms', 'max ms'],
      Object.entries(load.latencyByKind).map(([kind, summary]) => [kind, summary!.count, summary!.p50, summary!.p99, summary!.max]),
    ),
  );
  console.log(
    table(
      'Load',
      ['conversations', 'requests/s', 'p50 ms', 'p99 ms', 'bot CPU ms/request', 'bot cores', 'load generator cores', 'Azurite cores', 'errors'],
      [[load.concurrency, load.turnsPerSecond, load.latency.p50, load.latency.p99, load.cpuMsPerTurn, load.cpuCores, load.driverCores, load.helperCores, load.errors]],
    ),
  );
  if (load.errors > 0) console.log(`errors: ${JSON.stringify(load.errorKinds)}`);
  if (ledger.confirmationsWithoutCode > 0) console.log(`confirmations without a case code: ${ledger.confirmationsWithoutCode}`);
  console.log(
    table(
      'Adviser requests',
      ['confirmed', 'stored once', 'lost', 'duplicated', 'stored, not confirmed', 'notified once', 'not notified', 'notified twice+'],
      [[check.confirmed, check.storedOnce, check.lost, check.duplicated, check.unconfirmedStored, check.notifiedOnce, check.notNotified, check.notifiedMoreThanOnce]],
    ),
  );
}

function printProfile(buildDir: string): void {
  const file = newestProfile(PROFILE_DIR);
  if (!file) return;
  const profile = summariseProfile(file, { buildDir, top: 15 });
  console.log(
    table(
      `Hottest functions by self time (${path.relative(ROOT, file)})`,
      ['function', 'where', 'self ms', '% of busy'],
      profile.topFunctions.map((entry) => [entry.function, entry.location, entry.selfMs, entry.selfPercent]),
    ),
  );
}

main().catch((error: unknown) => {
  console.error(`loadtest failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
