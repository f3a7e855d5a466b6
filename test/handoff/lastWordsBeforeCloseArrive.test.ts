import { startBot, type RunningBot } from '../support/botHarness';
import { startBotWithGraphGroups } from '../support/graphBot';
import type { LocalGraph } from '../support/localGraph';
import { cardText, Conversation } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { teamsUser, type TeamsUser } from '../support/teamsActivities';
import en from '../../content/strings/en.json';
import nl from '../../content/strings/nl.json';

/**
 * A conversation's last words arrive also when the close overtakes them: an adviser writes "Take care; you can reach
 * me at extension 4411" and closes the case, or the requester writes "Thank you, that helps" and ends the conversation,
 * while Teams refuses that message for a moment (a 503, a 429). Before, the retried message met a closed case and was
 * dropped; its sender was told it could not be delivered, but could not send it again, since the relay needs an open
 * case. A message written while the case was open is delivered after a close that came later, to an adviser still of
 * the case's pool; one written after never is.
 */
jest.setTimeout(60_000);

const sarah = teamsUser('Sarah Bakker', 'nl-NL');
const clock = new TestClock('2026-11-24T10:00:00Z');
let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: `${sarah.aadObjectId}:${sarah.name}` }, { clock, runBackgroundWork: false });
  await new Conversation(bot, sarah).installs();
});
afterAll(async () => {
  await bot?.stop();
});

const deliver = () => bot.app.outbox.runDueJobs();
const textsTo = (person: TeamsUser) => new Conversation(bot, person).proactiveCards().map((card) => cardText({ card }));

async function claimedCase(requester: TeamsUser): Promise<{ caseId: string; code: string }> {
  const found = await requestAnonymously(bot, requester, 'Something happened at the ward meeting');
  await deliver();
  await new Conversation(bot, sarah).executes('case.claim', { caseId: found.caseId });
  await deliver();
  return found;
}

it("gives the requester the adviser's last reply when the adviser closed the case while Teams refused it", async () => {
  const requester = teamsUser('Tess van Leeuwen', 'en-GB');
  const { caseId, code } = await claimedCase(requester);
  const lastWords = 'Take care. You can reach me at extension 4411 whenever you want.';

  bot.connector.failNext(requester.conversationId, { status: 503 });
  await new Conversation(bot, sarah).executes('case.reply', { caseId, reply: lastWords });
  await deliver();
  await new Conversation(bot, sarah).executes('case.close', { caseId, outcome: 'advice-given' });
  clock.advanceMinutes(1);
  await deliver();
  await deliver();

  expect(textsTo(requester).filter((text) => text.includes(lastWords))).toHaveLength(1);
  expect(textsTo(sarah).some((text) => text.includes(nl['advisor.replyNotDelivered'].replace('{code}', code)))).toBe(false);
});

it("gives the adviser the requester's last message when the requester ended the conversation while Teams refused it", async () => {
  const requester = teamsUser('Daan Vos', 'en-GB');
  const { caseId, code } = await claimedCase(requester);
  const lastWords = 'Thank you, that really helps. I will talk to my manager tomorrow.';

  bot.connector.failNext(sarah.conversationId, { status: 429, retryAfterSeconds: 30 });
  await new Conversation(bot, requester).says(lastWords);
  await deliver();
  await new Conversation(bot, requester).submits({ verb: 'handoff.close', caseId });
  clock.advanceMinutes(1);
  await deliver();
  await deliver();

  expect(textsTo(sarah).filter((text) => text.includes(lastWords))).toHaveLength(1);
  // It arrives after the close notice: drawn without a reply box that could only answer "not open", and says why.
  const lastCard = new Conversation(bot, sarah).proactiveCards().find((card) => cardText({ card }).includes(lastWords));
  expect(cardText({ card: lastCard })).toContain(nl['advisor.relay.sentBeforeClose']);
  expect(JSON.stringify(lastCard)).not.toContain('case.reply');
  expect(textsTo(requester).some((text) => text.includes(en['handoff.relay.notDelivered'].replace('{code}', code).split('.')[0]!))).toBe(false);
  // Written after the close, nothing goes: the relay is over.
  const afterwards = 'One more thing about my manager';
  await new Conversation(bot, requester).says(afterwards);
  await deliver();
  expect(textsTo(sarah).some((text) => text.includes(afterwards))).toBe(false);
});

describe('an adviser taken out of the group after the close', () => {
  const femke = teamsUser('Femke Visser', 'nl-NL');
  const graphClock = new TestClock('2026-11-24T10:00:00Z');
  let graphBot: RunningBot;
  let graph: LocalGraph;

  beforeAll(async () => {
    ({ bot: graphBot, graph } = await startBotWithGraphGroups({ 'advisors-group': [femke] }, { ADVISOR_GROUP_ID: 'advisors-group' }, graphClock));
  });
  afterAll(async () => {
    await graphBot?.stop();
    await graph?.stop();
  });

  it('gets no last words of a closed case once they are no longer one of its pool; the requester is told', async () => {
    const requester = teamsUser('Noor Hamdi', 'en-GB');
    const { caseId, code } = await requestAnonymously(graphBot, requester, 'Something happened at the ward meeting');
    await graphBot.app.outbox.runDueJobs();
    await new Conversation(graphBot, femke).executes('case.claim', { caseId });
    await graphBot.app.outbox.runDueJobs();
    const lastWords = 'Thank you, I will think about it.';

    graphBot.connector.failNext(femke.conversationId, { status: 503 });
    await new Conversation(graphBot, requester).says(lastWords);
    await graphBot.app.outbox.runDueJobs();
    await new Conversation(graphBot, requester).submits({ verb: 'handoff.close', caseId });
    graph.seedGroup('advisors-group', []);
    graphClock.advanceMinutes(10);
    await graphBot.app.outbox.runDueJobs();
    await graphBot.app.outbox.runDueJobs();

    expect(new Conversation(graphBot, femke).proactiveCards().some((card) => cardText({ card }).includes(lastWords))).toBe(false);
    const told = new Conversation(graphBot, requester).proactiveCards().map((card) => cardText({ card }));
    // Told that the request is closed, not to send it again later: a closed request takes no more messages.
    expect(told.some((text) => text.includes(en['handoff.relay.notDeliveredRequestClosed'].replace('{code}', code).split(':')[0]!))).toBe(true);
  });
});
