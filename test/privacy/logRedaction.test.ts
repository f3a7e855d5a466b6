import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/logger';
import { startBot, type RunningBot } from '../support/botHarness';
import { Conversation } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { personalDataIn, rememberedCount } from '../support/personalData';
import { teamsUser } from '../support/teamsActivities';

/**
 * The privacy promise, checked on purpose: a scripted morning of conversations (guidance,
 * an urgent message, a handoff with a shared message, relay both ways, a failing turn)
 * runs with every log line captured, and no name, e-mail, object id or message text appears.
 * Every other suite that starts a bot runs the same scan when it stops (botHarness).
 */

let bot: RunningBot;
const advisor = teamsUser('Annemiek Verhoeven', 'nl-NL');
const requester = teamsUser('Youssef Benali', 'nl-NL');

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${advisor.aadObjectId}:Annemiek Verhoeven` }, { runBackgroundWork: false });
});
afterAll(async () => {
  await bot.stop();
});

it('writes no personal data to the logs during a whole morning of conversations', async () => {
  await new Conversation(bot, advisor).installs();
  const person = new Conversation(bot, requester);
  await person.says('Mijn leidinggevende Henk de Vries maakt steeds seksuele opmerkingen over mijn lichaam');
  await person.says('Er staat nu iemand met een mes bij de balie van de poli');
  await person.says('Ik zie het niet meer zitten sinds de reorganisatie');
  const { caseId } = await requestAdviser(bot, requester, { asks: 'vertrouwenspersoon', message: 'Het gaat om mijn opleider op de IC, al maanden', contact: 'call', urgent: true });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, advisor).executes('case.claim', { caseId });
  await person.says('Kunnen we morgen om half zes bellen?');
  await new Conversation(bot, advisor).executes('case.reply', { caseId, reply: 'Ja hoor, ik bel je morgen om 17:30' });
  await bot.app.outbox.runDueJobs();
  // A turn that fails: a store error mid-turn is logged without the text that caused it.
  const failingStore = bot.app.store;
  const originalGet = failingStore.get.bind(failingStore);
  failingStore.get = async () => {
    throw new Error('Disk I/O error while reading row for Youssef Benali');
  };
  await person.says('Dit bericht laat de opslag falen, mijn naam is Youssef Benali').catch(() => undefined);
  failingStore.get = originalGet;

  expect(rememberedCount()).toBeGreaterThan(8);
  expect(bot.logs.length).toBeGreaterThan(10);
  expect(bot.logs.some((line) => line.includes('"event":"turnError"'))).toBe(true);
  expect(personalDataIn(bot.logs)).toEqual([]);
});

it('would notice a leak: the scanner finds a name written to a log line', () => {
  expect(personalDataIn([JSON.stringify({ msg: `hello ${requester.name}` })])).toContain(requester.name);
  expect(personalDataIn([JSON.stringify({ id: advisor.aadObjectId })])).toContain(advisor.aadObjectId);
});

it('redacts, as a second line of defence, every field that could carry text or an identity when a whole object is logged by mistake', () => {
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (chunk, _encoding, callback) => (lines.push(chunk.toString()), callback()) }));
  const secret = (field: string) => `Zorvandel-${field}`;
  const fields = ['text', 'name', 'email', 'mail', 'userPrincipalName', 'aadObjectId', 'from', 'recipient', 'value', 'message', 'activity'] as const;
  const carrying = Object.fromEntries(fields.map((field) => [field, secret(field)]));
  logger.info({ event: 'mistake', ...carrying, nested: Object.fromEntries(fields.filter((field) => field !== 'activity').map((field) => [field, secret(`nested-${field}`)])) });
  logger.info({ event: 'mistake', req: { headers: { authorization: secret('authorization') } } });
  expect(lines).toHaveLength(2);
  expect(lines.join('\n')).not.toContain('Zorvandel');
  expect(lines.join('\n')).toContain('[redacted]');
});
