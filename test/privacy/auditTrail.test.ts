import { spawn } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseAuditArguments } from '../../scripts/audit';
import type { AuditLine } from '../../src/audit/auditAccess';
import { AUDIT_ACTIONS, type AuditEntry } from '../../src/audit/auditTrail';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startBot, type RunningBot } from '../support/botHarness';
import { allActions, cardText, Conversation } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { messageActivity, teamsUser } from '../support/teamsActivities';

/**
 * Issue 19.2: every read or change of a case by an adviser leaves an audit row (case code,
 * adviser person key, action, time), and nothing else: no message, name or object id. The sweep
 * deletes rows after AUDIT_RETENTION_DAYS; `npm run audit` is how an administrator reads them.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const annelies = teamsUser('Annelies Verbeek', 'nl-NL');
const bas = teamsUser('Bas Hoekstra', 'nl-NL');
const requester = teamsUser('Priya Ramdin', 'en-GB');
const MESSAGE = 'The registrar keeps touching my shoulder during handovers';
const RELAYED = 'It happened again on Tuesday night';
const REPLY = 'Thank you for telling me, shall we talk on Thursday?';
const AUDIT_RETENTION_DAYS = 30;

describe.each([
  ['SQLite', 'sqlite'],
  ['Azure Tables on Azurite', 'azure-tables'],
] as const)('the audit trail (%s)', (_, storage) => {
  const clock = new TestClock('2026-11-24T10:00:00Z');
  let bot: RunningBot;
  let azurite: RunningAzurite | undefined;
  let caseId = '';
  let code = '';
  const keyOf = (user: { aadObjectId: string }) => bot.app.services.personKeys.adviserKeyFor(user.aadObjectId);
  const trail = async (): Promise<[string, string][]> =>
    (await bot.app.audit.forCase(code)).map((entry) => [entry.actor === keyOf(annelies) ? 'A' : entry.actor === keyOf(bas) ? 'B' : entry.actor, entry.action]);

  beforeAll(async () => {
    let environment: Record<string, string> = {};
    if (storage === 'azure-tables') {
      azurite = await startAzurite();
      const prefix = `t${randomUUID().replace(/-/g, '').slice(0, 10)}`;
      environment = { STORAGE: 'azure-tables', AZURE_TABLES_CONNECTION_STRING: azurite.connectionString, AZURE_TABLES_PREFIX: prefix };
    }
    bot = await startBot(
      {
        LOCAL_ADVISORS: `${annelies.aadObjectId}:Annelies Verbeek;${bas.aadObjectId}:Bas Hoekstra`,
        AUDIT_RETENTION_DAYS: String(AUDIT_RETENTION_DAYS),
        ...environment,
      },
      { clock, runBackgroundWork: false },
    );
    await new Conversation(bot, annelies).installs();
    await new Conversation(bot, bas).installs();
    ({ caseId, code } = await requestAnonymously(bot, requester, MESSAGE));
    await bot.app.outbox.runDueJobs();
  }, 90_000);
  afterAll(async () => {
    await bot?.stop();
    await azurite?.stop();
  });

  it('records the case cards each adviser received, then the claim, the views, the list, the relay both ways, the reveal and the close', async () => {
    const a = new Conversation(bot, annelies);
    const b = new Conversation(bot, bas);
    expect(await trail()).toEqual([
      ['A', 'cardReceived'],
      ['B', 'cardReceived'],
    ]);

    await a.executes('case.claim', { caseId });
    clock.advanceMinutes(1);
    await a.executes('case.refresh', { caseId });
    // B sees only "taken by a colleague": no read of the case, no row.
    await b.executes('case.refresh', { caseId });
    await b.says('zaken');
    await a.says('zaken');
    await new Conversation(bot, requester).says(RELAYED);
    await bot.app.outbox.runDueJobs();
    await a.executes('case.reply', { caseId, reply: REPLY });
    await bot.app.outbox.runDueJobs();
    const status = new Conversation(bot, requester).proactiveCards().find((card) => allActions(card).some((action) => action.data?.verb === 'handoff.reveal'))!;
    await new Conversation(bot, requester).submits(allActions(status).find((action) => action.data?.verb === 'handoff.reveal')!.data);
    await bot.app.outbox.runDueJobs();
    await a.executes('case.close', { caseId, outcome: 'advice-given', followUp: 'false' });

    expect(await trail()).toEqual([
      ['A', 'cardReceived'],
      ['B', 'cardReceived'],
      ['A', 'claimed'],
      ['A', 'viewed'],
      ['A', 'listed'],
      ['A', 'messageReceived'],
      ['A', 'messageSent'],
      ['A', 'identityShown'],
      ['A', 'closed'],
    ]);
  }, 60_000);

  it('records a hand-over: offered by the claimer, the card and the acceptance by the colleague, then a give-back', async () => {
    const other = teamsUser('Willem de Boer', 'nl-NL');
    const { caseId: handedCase, code: handedCode } = await requestAnonymously(bot, other, 'Mijn teamleider negeert me al weken');
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, annelies).executes('case.claim', { caseId: handedCase });
    await new Conversation(bot, annelies).executes('case.handOver', { caseId: handedCase, handOverTo: bas.aadObjectId });
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, bas).executes('case.acceptHandOver', { caseId: handedCase });
    await new Conversation(bot, bas).executes('case.release', { caseId: handedCase });
    const rows = (await bot.app.audit.forCase(handedCode)).map((entry) => [entry.actor === keyOf(annelies) ? 'A' : entry.actor === keyOf(bas) ? 'B' : entry.actor, entry.action]);
    expect(rows).toEqual([
      ['A', 'cardReceived'],
      ['B', 'cardReceived'],
      ['A', 'claimed'],
      ['A', 'handOverOffered'],
      ['B', 'cardReceived'],
      ['B', 'handOverAccepted'],
      ['B', 'released'],
    ]);
  }, 60_000);

  it('records the card a refused step draws as a read: Release pressed twice, Decline on a case no longer offered', async () => {
    const words = 'De afdelingschef schreeuwt tijdens de overdracht';
    const { caseId: released, code: releasedCode } = await requestAnonymously(bot, teamsUser('Sanne Kok', 'nl-NL'), words);
    await bot.app.outbox.runDueJobs();
    const a = new Conversation(bot, annelies);
    await a.executes('case.claim', { caseId: released });
    await a.executes('case.release', { caseId: released });
    // Teams re-sends a slow Release: the case is back in the pool, and the card it draws shows the request.
    const again = await a.executes('case.release', { caseId: released });
    expect(cardText({ card: again })).toContain(words);
    const rowsOf = async (caseCode: string) =>
      (await bot.app.audit.forCase(caseCode)).map((entry) => [entry.actor === keyOf(annelies) ? 'A' : entry.actor === keyOf(bas) ? 'B' : entry.actor, entry.action]);
    expect(await rowsOf(releasedCode)).toEqual([
      ['A', 'cardReceived'],
      ['B', 'cardReceived'],
      ['A', 'claimed'],
      ['A', 'released'],
      ['A', 'viewed'],
    ]);

    // Offered to B, then given back to the pool before B answered: B's Decline finds no offer, and its card shows the request.
    const offeredWords = 'Mijn begeleider maakt grappen over mijn afkomst';
    const { caseId: offered, code: offeredCode } = await requestAnonymously(bot, teamsUser('Daan Vos', 'nl-NL'), offeredWords);
    await bot.app.outbox.runDueJobs();
    await a.executes('case.claim', { caseId: offered });
    await a.executes('case.handOver', { caseId: offered, handOverTo: bas.aadObjectId });
    await a.executes('case.release', { caseId: offered });
    const declined = await new Conversation(bot, bas).executes('case.declineHandOver', { caseId: offered });
    expect(cardText({ card: declined })).toContain(offeredWords);
    expect(await rowsOf(offeredCode)).toEqual([
      ['A', 'cardReceived'],
      ['B', 'cardReceived'],
      ['A', 'claimed'],
      ['A', 'handOverOffered'],
      ['A', 'released'],
      ['B', 'viewed'],
    ]);
  }, 60_000);

  it('holds the code, a person key, an action and a time: no content, name or object id', async () => {
    const entries = await bot.app.audit.forCase(code);
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(['action', 'actor', 'at', 'caseKey']);
      // The code itself is keyed too: after the purge, no audit row leads back to the code the requester holds.
      expect(entry.caseKey).toBe(bot.app.services.personKeys.caseKeyFor(code));
      expect(entry.actor).toMatch(/^[0-9a-f]{40}$/);
      expect(AUDIT_ACTIONS).toContain(entry.action);
    }
    const stored = JSON.stringify(await bot.app.audit.forAdviser(annelies.aadObjectId));
    for (const personal of [MESSAGE, RELAYED, REPLY, requester.name, requester.aadObjectId, annelies.name, annelies.aadObjectId, bas.aadObjectId, caseId, code]) {
      expect({ personal, found: stored.includes(personal) }).toEqual({ personal, found: false });
    }
  });

  it('is kept for AUDIT_RETENTION_DAYS, then deleted by the sweep', async () => {
    const before = (await bot.app.audit.forCase(code)).length;
    clock.advanceDays(AUDIT_RETENTION_DAYS - 1);
    await bot.app.runSweep();
    expect(await bot.app.audit.forCase(code)).toHaveLength(before);
    await new Conversation(bot, annelies).says('zaken');
    clock.advanceDays(2);
    await bot.app.runSweep();
    const left: AuditEntry[] = await bot.app.audit.forAdviser(annelies.aadObjectId);
    // Only what is younger than the period stays (the case is closed, so `zaken` lists nothing of it).
    expect(left.every((entry) => new Date(entry.at).getTime() > clock.now().getTime() - AUDIT_RETENTION_DAYS * 86_400_000)).toBe(true);
    expect(await bot.app.audit.forCase(code)).toEqual([]);
  });
});

describe('npm run audit', () => {
  const clock = new TestClock('2026-11-24T10:00:00Z');
  let bot: RunningBot;

  beforeAll(async () => {
    bot = await startBot({ LOCAL_ADVISORS: `${annelies.aadObjectId}:Annelies Verbeek` }, { clock, runBackgroundWork: false });
    await new Conversation(bot, annelies).installs();
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
  });

  function auditScript(script: 'audit' | 'export-person', args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const storage = bot.config.storage;
    if (storage.kind !== 'sqlite') throw new Error('expects SQLite');
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', path.join(ROOT, 'scripts', `${script}.ts`), ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, STORAGE: 'sqlite', SQLITE_PATH: storage.sqlitePath, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (exitCode) => resolve({ code: exitCode, stdout, stderr }));
    });
  }

  it('prints the trail of one case, and of one adviser; an export is itself recorded', async () => {
    const { caseId, code } = await requestAnonymously(bot, requester, MESSAGE);
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, annelies).executes('case.claim', { caseId });

    const exported = await auditScript('export-person', ['--object-id', requester.aadObjectId]);
    expect(exported.code).toBe(0);
    const byCase = await auditScript('audit', ['--case', code.toLowerCase()]);
    expect(byCase).toMatchObject({ code: 0, stderr: '' });
    const entries = JSON.parse(byCase.stdout) as AuditLine[];
    const adviserKey = bot.app.services.personKeys.adviserKeyFor(annelies.aadObjectId);
    expect(entries.map((entry) => [entry.caseCode, entry.actor, entry.action])).toEqual([
      [code, adviserKey, 'cardReceived'],
      [code, adviserKey, 'claimed'],
      [code, 'administrator', 'exported'],
    ]);
    expect(byCase.stdout).not.toContain(MESSAGE);

    const byAdviser = JSON.parse((await auditScript('audit', ['--object-id', annelies.aadObjectId])).stdout) as AuditLine[];
    expect(byAdviser.map((entry) => [entry.caseCode, entry.action])).toEqual([
      [code, 'cardReceived'],
      [code, 'claimed'],
    ]);
  }, 90_000);

  it('refuses anything but one case code, object id or person key', async () => {
    expect(parseAuditArguments(['--case', 'VK-AB12-CD34'])).toEqual({ outcome: 'case', caseCode: 'VK-AB12-CD34' });
    expect(parseAuditArguments(['--case', 'robert; drop table'])).toEqual({ outcome: 'invalid' });
    expect(parseAuditArguments(['--object-id', 'someone'])).toEqual({ outcome: 'invalid' });
    expect(parseAuditArguments([])).toEqual({ outcome: 'invalid' });
    const refused = await auditScript('audit', ['--everything']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Usage: npm run --silent audit');
  }, 60_000);
});

describe('"audit" in Teams, for the auditors\' group only', () => {
  const clock = new TestClock('2026-11-24T10:00:00Z');
  const auditor = teamsUser('Ingrid Bakker', 'en-GB');
  let bot: RunningBot;

  beforeAll(async () => {
    bot = await startBot(
      { LOCAL_ADVISORS: `${annelies.aadObjectId}:Annelies Verbeek`, LOCAL_AUDITORS: `${auditor.aadObjectId}:Ingrid Bakker` },
      { clock, runBackgroundWork: false },
    );
    await new Conversation(bot, annelies).installs();
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
  });

  it('shows an auditor the latest reads with the case code, and one case\'s whole trail; nobody else sees anything', async () => {
    const { caseId, code } = await requestAnonymously(bot, requester, MESSAGE);
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, annelies).executes('case.claim', { caseId });
    const adviserKey = bot.app.services.personKeys.adviserKeyFor(annelies.aadObjectId);

    const auditorChat = new Conversation(bot, auditor);
    const [recent] = await auditorChat.says('audit');
    const recentText = cardText(recent);
    expect(recentText).toContain('Audit trail');
    expect(recentText).toContain(`${code} · adviser ${adviserKey.slice(0, 8)}: took the request`);
    expect(recentText).toContain(`${code} · adviser ${adviserKey.slice(0, 8)}: received the request's card`);
    const [trail] = await auditorChat.clicks(`Trail of ${code}`);
    expect(cardText(trail)).toContain(`Audit trail of ${code}`);
    expect(cardText(trail).indexOf("received the request's card")).toBeLessThan(cardText(trail).indexOf('took the request'));
    for (const card of [recent, trail]) {
      for (const personal of [MESSAGE, requester.name, annelies.name, annelies.aadObjectId, caseId]) expect(cardText(card)).not.toContain(personal);
    }

    // The adviser whose reads it records, and the requester, get a refusal that tells nothing; so does a forged button.
    const [refusedAdviser] = await new Conversation(bot, annelies).says('audit');
    expect(cardText(refusedAdviser)).toContain('Het auditlogboek is alleen voor de controleurs');
    expect(cardText(refusedAdviser)).not.toContain(code);
    const [refusedRequester] = await new Conversation(bot, requester).says('audit log');
    expect(cardText(refusedRequester)).toContain("The audit trail is only for the privacy officer's auditors");
    const [forged] = await new Conversation(bot, annelies).submits({ verb: 'audit.case', caseKey: bot.app.services.personKeys.caseKeyFor(code) });
    expect(cardText(forged)).toContain('Het auditlogboek is alleen voor de controleurs');
    expect(cardText(forged)).not.toContain(code);
  }, 60_000);

  it('dates the lines in the auditor\'s own time zone, and in the organisation\'s when Teams does not say', async () => {
    const { caseId, code } = await requestAnonymously(bot, teamsUser('Noor Haddad', 'en-GB'), MESSAGE);
    await bot.app.outbox.runDueJobs();
    await new Conversation(bot, annelies).executes('case.claim', { caseId });
    const auditorChat = new Conversation(bot, auditor);
    const says = (entities: unknown[]) => auditorChat.post(Object.assign(messageActivity(auditor, bot.connector.url, 'audit'), { entities }));

    // 10:00 UTC: 05:00 in New York, 11:00 in Amsterdam (content/organisation.json).
    const [inNewYork] = await says([{ type: 'clientInfo', locale: 'en-GB', country: 'US', platform: 'Web', timezone: 'America/New_York' }]);
    expect(cardText(inNewYork)).toContain(`${code} · adviser`);
    expect(cardText(inNewYork)).toContain('24/11/2026, 05:00');
    expect(cardText(inNewYork)).not.toContain('11:00');
    const [unsaid] = await says([]);
    expect(cardText(unsaid)).toContain('24/11/2026, 11:00');
  }, 60_000);
});
