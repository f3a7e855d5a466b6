import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation } from '../support/conversation';
import { postToBot } from '../support/postToBot';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { adaptiveCardActionInvoke, teamsUser, type TeamsUser } from '../support/teamsActivities';
import type { HandoffCase } from '../../src/handoff/handoffCase';
import { Outbox } from '../../src/outbox/outbox';

/**
 * "Never lose a request ... delivered exactly once to the requester's view" (PRODUCT.md), for every step of a case
 * after it was made (red team, stop 31, finding 2). A step saved the case, then put its jobs in the outbox in a second
 * write; when that write failed (Azure Tables' 503 ServerBusy, the process killed between the two), the case was
 * claimed (cancelled, closed) and no job said so, and Teams' re-sent Claim met a claimed case and queued nothing: the
 * requester was never told an adviser joined. Now a step's jobs are saved in the case's own write and taken off it
 * once queued; jobs left on a case are queued by its next step, by a refused one (the re-sent Claim, the re-sent
 * Cancel) or by the sweep on any instance, their keys making each once.
 *
 * The fault is the outbox refusing its writes, as the store would; everything else is two bots over HTTP on one
 * store: a SQLite file, and Azurite.
 */
const STORES = ['sqlite', 'azure-tables'] as const;

describe.each(STORES)('on %s', (storage) => {
  const clock = new TestClock('2026-11-24T10:00:00Z');
  const adviser = teamsUser('Ruud Adviseur', 'nl-NL');
  let azurite: RunningAzurite | undefined;
  let dataDir = '';
  let first: RunningBot;
  let second: RunningBot;
  beforeAll(async () => {
    let shared: Record<string, string>;
    if (storage === 'sqlite') {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'case-step-jobs-'));
      shared = { SQLITE_PATH: path.join(dataDir, 'shared.sqlite') };
    } else {
      azurite = await startAzurite();
      shared = { STORAGE: 'azure-tables', AZURE_TABLES_CONNECTION_STRING: azurite.connectionString, AZURE_TABLES_PREFIX: `j${randomUUID().replace(/-/g, '').slice(0, 10)}` };
    }
    const environment = { ...shared, PERSON_KEY_SECRET: 'a-shared-person-key-secret-for-both-instances-0123456789', LOCAL_ADVISORS: `${adviser.aadObjectId}:Ruud Adviseur` };
    first = await startBot(environment, { clock, runBackgroundWork: false });
    second = await startBot(environment, { clock, runBackgroundWork: false });
    await new Conversation(first, adviser).installs();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await first?.stop();
    await second?.stop();
    await azurite?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The outbox refuses its writes: the next `times` of them, or every one until the returned function is called. */
  function outboxRefuses(times = Number.POSITIVE_INFINITY): () => void {
    const enqueue = Outbox.prototype.enqueue;
    let left = times;
    const spy = jest.spyOn(Outbox.prototype, 'enqueue').mockImplementation(async function (this: Outbox, ...args) {
      if (left <= 0) return enqueue.apply(this, args);
      left -= 1;
      throw Object.assign(new Error('The server is busy.'), { statusCode: 503, code: 'ServerBusy' });
    });
    return () => spy.mockRestore();
  }

  async function claimed(requester: TeamsUser, situation: string) {
    const request = await requestAnonymously(first, requester, situation);
    await first.app.outbox.runDueJobs();
    return request;
  }

  const told = (requester: TeamsUser, text: string) =>
    new Conversation(first, requester).proactiveCards().map((card) => cardText({ card })).filter((shown) => shown.includes(text));

  it("tells the requester once that an adviser joined when the claim's jobs were refused once and Teams re-sends the Claim", async () => {
    const requester = teamsUser('Iris Wachtend', 'en-GB');
    const { caseId, code } = await claimed(requester, 'My team lead shouts at me in every meeting.');

    const restore = outboxRefuses(1);
    const claim = adaptiveCardActionInvoke(adviser, first.connector.url, 'case.claim', { caseId });
    const answered = await postToBot(first, claim);
    restore();
    expect(answered.status).toBe(200);
    // Teams re-sends an invoke whose answer it did not get in time; the copy meets a claimed case.
    expect((await postToBot(first, claim)).status).toBe(200);
    await first.app.outbox.runDueJobs();
    expect(told(requester, `An adviser has joined your request ${code}`)).toHaveLength(1);
    // Nothing is left for the sweep to send again.
    await second.app.runSweep();
    await first.app.outbox.runDueJobs();
    expect(told(requester, `An adviser has joined your request ${code}`)).toHaveLength(1);
  });

  it('tells the requester once when the process died between saving the claim and queueing its jobs: the sweep on the other instance sends it', async () => {
    const requester = teamsUser('Noor Later', 'en-GB');
    const { caseId, code } = await claimed(requester, 'A patient keeps making remarks about my body.');

    // Every outbox write fails while the claim is handled: what the store holds is what a crash after the case's write leaves.
    const restore = outboxRefuses();
    await new Conversation(first, adviser).executes('case.claim', { caseId });
    restore();
    await first.app.outbox.runDueJobs();
    expect(told(requester, `An adviser has joined your request ${code}`)).toHaveLength(0);

    clock.advanceMinutes(1);
    await second.app.runSweep();
    await second.app.outbox.runDueJobs();
    await first.app.runSweep();
    await first.app.outbox.runDueJobs();
    expect(told(requester, `An adviser has joined your request ${code}`)).toHaveLength(1);
    // Taken off the case once queued: nothing on it is sent again later.
    expect((await first.app.store.get<HandoffCase>('cases', 'case', caseId))?.value.pendingJobs).toBeUndefined();
  });

  // The third way the README names, the case's next step, with no sweep: a step that saved only its own jobs, dropping
  // those the case still held, passed the two cases above (audit, stop 32).
  it("queues the claim's refused jobs with the case's next step: the requester is told the adviser joined, then the closing, once each", async () => {
    const requester = teamsUser('Iris Volgorde', 'en-GB');
    const { caseId, code } = await claimed(requester, 'My team lead shouts at me in every meeting.');

    // Every outbox write fails while the claim is handled: its jobs stay on the case.
    const restore = outboxRefuses();
    await new Conversation(first, adviser).executes('case.claim', { caseId });
    restore();
    await first.app.outbox.runDueJobs();
    expect(told(requester, `An adviser has joined your request ${code}`)).toHaveLength(0);
    expect((await first.app.store.get<HandoffCase>('cases', 'case', caseId))?.value.pendingJobs?.length).toBeGreaterThan(0);

    // The case's next step, no sweep: the adviser closes it.
    await new Conversation(first, adviser).executes('case.close', { caseId, outcome: 'advice-given', followUp: 'false' });
    await first.app.outbox.runDueJobs();
    expect(told(requester, `An adviser has joined your request ${code}`)).toHaveLength(1);
    expect(told(requester, `Your conversation ${code} has been closed`)).toHaveLength(1);
    expect((await first.app.store.get<HandoffCase>('cases', 'case', caseId))?.value.pendingJobs).toBeUndefined();
  });

  it('tells the adviser once that the requester cancelled when the cancel\'s jobs were refused: the re-sent Cancel queues them', async () => {
    const requester = teamsUser('Daan Stopt', 'en-GB');
    const { caseId, code } = await claimed(requester, 'Someone in my team spreads rumours about me.');
    await new Conversation(first, adviser).executes('case.claim', { caseId });
    await first.app.outbox.runDueJobs();

    const restore = outboxRefuses();
    await new Conversation(first, requester).submits({ verb: 'handoff.cancel', caseId });
    restore();
    await first.app.outbox.runDueJobs();
    const cancelled = () =>
      new Conversation(first, adviser).proactiveCards().map((card) => cardText({ card })).filter((shown) => shown.includes(`De aanvrager heeft ${code} geannuleerd`) || shown.includes(`The requester cancelled ${code}`));
    expect(cancelled()).toHaveLength(0);

    await new Conversation(first, requester).submits({ verb: 'handoff.cancel', caseId });
    await first.app.outbox.runDueJobs();
    expect(cancelled()).toHaveLength(1);
    await second.app.runSweep();
    await first.app.outbox.runDueJobs();
    expect(cancelled()).toHaveLength(1);
  });

  it('tells the requester once that the adviser closed the conversation when its jobs were refused: the sweep finds the closed case', async () => {
    const requester = teamsUser('Mila Klaar', 'en-GB');
    const { caseId, code } = await claimed(requester, 'My supervisor takes credit for my work.');
    await new Conversation(first, adviser).executes('case.claim', { caseId });
    await first.app.outbox.runDueJobs();

    const restore = outboxRefuses();
    await new Conversation(first, adviser).executes('case.close', { caseId, outcome: 'advice-given', followUp: 'false' });
    restore();
    await first.app.outbox.runDueJobs();
    expect(told(requester, `Your conversation ${code} has been closed`)).toHaveLength(0);

    clock.advanceMinutes(1);
    await second.app.runSweep();
    await first.app.outbox.runDueJobs();
    await first.app.runSweep();
    await first.app.outbox.runDueJobs();
    expect(told(requester, `Your conversation ${code} has been closed`)).toHaveLength(1);
  });
});
