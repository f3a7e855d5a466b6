import { startBot, type RunningBot } from '../support/botHarness';
import { Conversation, type Card } from '../support/conversation';
import { requestAdviser } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser } from '../support/teamsActivities';

/**
 * Template syntax someone types stays the text they typed, in the cards that carry it to an adviser.
 * The expressions here are ones adaptivecards-templating would evaluate if user text were ever
 * expanded as template (`${$root.secret}` elsewhere names nothing, so it survives a second
 * expansion unchanged and cannot tell the difference): a sum, a function call, and the case data.
 */

const EXPRESSIONS = ["${1+1}", "${concat('evaluated', 'Expression')}", '${$root.code}'];
const WHAT_EVALUATION_WOULD_SHOW = ['evaluatedExpression'];

const adviser = teamsUser('Sara Bakker', 'en-GB');
const namedRequester = teamsUser('Daan ${concat(\'evaluated\', \'Expression\')} Peters', 'en-GB');
const anonymousRequester = teamsUser('Noor de Vries', 'en-GB');
const clock = new TestClock('2026-11-24T10:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${adviser.aadObjectId}:${adviser.name}` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, adviser).installs();
});
afterAll(async () => {
  await bot.stop();
});

function expectLiteral(cards: readonly (Card | undefined)[], ...texts: string[]): void {
  const json = JSON.stringify(cards);
  for (const text of texts) expect(json).toContain(JSON.stringify(text).slice(1, -1));
  for (const evaluated of WHAT_EVALUATION_WOULD_SHOW) expect(json).not.toContain(evaluated);
}

it('shows a named request\'s message and the requester\'s name to the adviser exactly as written', async () => {
  const message = `Before the meeting ${EXPRESSIONS.join(' and ')} happened`;
  const { caseId } = await requestAdviser(bot, namedRequester, { mode: 'named', message });
  await bot.app.outbox.runDueJobs();
  expectLiteral(new Conversation(bot, adviser).proactiveCards(), message, namedRequester.name);
  const claimed = await new Conversation(bot, adviser).executes('case.claim', { caseId });
  expectLiteral([claimed], message, namedRequester.name);
});

it('relays an anonymous requester\'s message to the adviser exactly as written', async () => {
  const { caseId } = await requestAdviser(bot, anonymousRequester, { mode: 'anonymous', message: 'I need advice' });
  await bot.app.outbox.runDueJobs();
  await new Conversation(bot, adviser).executes('case.claim', { caseId });
  const relayed = `Also ${EXPRESSIONS.join(', ')} today`;
  await new Conversation(bot, anonymousRequester).says(relayed);
  await bot.app.outbox.runDueJobs();
  expectLiteral(new Conversation(bot, adviser).proactiveCards().slice(-1), relayed);
});
