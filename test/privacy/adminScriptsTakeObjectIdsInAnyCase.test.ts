import { startBot, type RunningBot } from '../support/botHarness';
import { Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { runScript } from '../support/runScript';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * docs/RIGHTS.md: for an access request the administrator runs `export-person -- --object-id <id>` with the object id
 * the Entra admin center (or a spreadsheet, a ticket) gives them. An object id is a GUID: Teams sends it in lower case,
 * and a copy in upper case names the same person. Before, the scripts keyed the id as typed, so an upper-case id found
 * nothing: an export that said the bot holds nothing about someone whose request it holds, and an empty audit trail.
 */
jest.setTimeout(60_000);

const adviser = teamsUser('Noor el Amrani', 'nl-NL');
const requester = teamsUser('Daan Vos', 'en-GB');
let bot: RunningBot;
let caseId = '';

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:${adviser.name}` }, { clock: new TestClock('2026-11-24T10:00:00Z'), runBackgroundWork: false });
  await new Conversation(bot, adviser).installs();
  ({ caseId } = await requestAdviser(bot, requester, { mode: 'named', message: 'My team lead makes jokes about my religion' }));
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, adviser).executes('case.claim', { caseId });
});
afterAll(async () => {
  await bot?.stop();
});

/** An administrator's script as a process, reading the bot's SQLite store. */
function script(name: string, args: readonly string[]) {
  const storage = bot.config.storage;
  if (storage.kind !== 'sqlite') throw new Error('expects SQLite');
  return runScript(name, args, '', { PATH: process.env.PATH, STORAGE: 'sqlite', SQLITE_PATH: storage.sqlitePath });
}

it("exports a requester's data for their object id in upper case", async () => {
  const result = await script('export-person.ts', ['--object-id', requester.aadObjectId.toUpperCase()]);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  const exported = JSON.parse(result.stdout);
  expect(exported.personKey).toBe(bot.app.services.personKeys.keyFor(requester.aadObjectId));
  expect(exported.requests.map((request: { id: string }) => request.id)).toEqual([caseId]);
});

it("lists an adviser's audit rows for their object id in upper case", async () => {
  const result = await script('audit.ts', ['--object-id', adviser.aadObjectId.toUpperCase()]);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  expect(JSON.parse(result.stdout).map((line: { action: string }) => line.action)).toEqual(['cardReceived', 'claimed']);
});
