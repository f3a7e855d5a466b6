import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseExportArguments } from '../../scripts/export-person';
import { startBot, type RunningBot } from '../support/botHarness';
import { Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/** `npm run export-person`: everything stored for one person, for an access request, read from the bot's own store. */

const ROOT = path.resolve(__dirname, '..', '..');
const adviser = teamsUser('Noor el Amrani', 'nl-NL');
const requester = teamsUser('Daan Vos', 'en-GB');
const MESSAGE = 'My team lead makes jokes about my religion';
let bot: RunningBot;
let caseId = '';

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:Noor el Amrani` }, { clock: new TestClock('2026-11-24T10:00:00Z'), runBackgroundWork: false });
  await new Conversation(bot, adviser).installs();
  const conversation = new Conversation(bot, requester);
  await conversation.says('taal');
  ({ caseId } = await requestAdviser(bot, requester, { mode: 'named', message: MESSAGE }));
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, adviser).executes('case.claim', { caseId });
}, 60_000);
afterAll(async () => {
  await bot.stop();
});

function exportPersonScript(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const storage = bot.config.storage;
  if (storage.kind !== 'sqlite') throw new Error('expects SQLite');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', path.join(ROOT, 'scripts', 'export-person.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, STORAGE: 'sqlite', SQLITE_PATH: storage.sqlitePath, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run export-person', () => {
  it('exports a requester\'s preferences, chat address and requests in full', async () => {
    const result = await exportPersonScript(['--object-id', requester.aadObjectId]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const exported = JSON.parse(result.stdout);
    expect(exported.personKey).toBe(bot.app.services.personKeys.keyFor(requester.aadObjectId));
    expect(exported.preferences).toMatchObject({ locale: expect.any(String) });
    expect(exported.conversationReference).not.toBeNull();
    expect(exported.requests).toHaveLength(1);
    expect(exported.requests[0]).toMatchObject({ id: caseId, message: MESSAGE, requester: { displayName: 'Daan Vos' } });
    expect(exported.casesAsAdviser).toEqual([]);
  }, 60_000);

  it('exports the cases an adviser claimed, by person key', async () => {
    const result = await exportPersonScript(['--person-key', bot.app.services.personKeys.keyFor(adviser.aadObjectId)]);
    const exported = JSON.parse(result.stdout);
    expect(exported.casesAsAdviser.map((handoffCase: { id: string }) => handoffCase.id)).toEqual([caseId]);
    expect(exported.requests).toEqual([]);
    // What the audit trail says the adviser did, as they may ask (the case by its keyed code only).
    expect(exported.auditTrailAsAdviser.map((entry: { action: string }) => entry.action)).toEqual(['cardReceived', 'claimed']);
  }, 60_000);

  it('finds nothing for someone the bot never met, and refuses malformed input', async () => {
    const exported = JSON.parse((await exportPersonScript(['--object-id', '00000000-0000-4000-8000-000000000999'])).stdout);
    expect(exported).toMatchObject({ preferences: null, conversationReference: null, requests: [], casesAsAdviser: [], auditTrailAsAdviser: [] });
    expect(parseExportArguments(['--object-id', 'not-an-id'])).toEqual({ outcome: 'invalid' });
    expect(parseExportArguments([])).toEqual({ outcome: 'invalid' });
  }, 60_000);
});
